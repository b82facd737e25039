/*
 * Copyright 2026 the parallel-tasks authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.paralleltasks.sample;

import java.util.List;

/**
 * The summary of an order, gathered from several services. A part whose service failed
 * with a tolerated error is {@code null} and listed in {@link #missing()}.
 *
 * @param orderId the order id
 * @param customer the customer, or {@code null} if missing
 * @param prices the prices, or {@code null} if missing
 * @param recommendations the recommendations, or {@code null} if missing
 * @param history what happened to the order, from the database, or {@code null} if
 * missing
 * @param complete whether every part is present
 * @param missing the parts that are missing, and why
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public record OrderSummary(long orderId, Customer customer, Prices prices, List<Recommendation> recommendations,
		List<OrderEvent> history, boolean complete, List<MissingPart> missing) {

	/**
	 * A part of the summary that is missing because its service failed.
	 *
	 * @param part the name of the part
	 * @param exception the class name of the exception that the service threw
	 * @param message the message of that exception
	 */
	public record MissingPart(String part, String exception, String message) {

	}

}
