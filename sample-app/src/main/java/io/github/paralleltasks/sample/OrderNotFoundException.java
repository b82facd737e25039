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

import io.github.paralleltasks.FatalError;

/**
 * Thrown when an order does not exist. It is a {@link FatalError}: without the order
 * there is nothing to summarize, so the other parts are cancelled at once.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
@FatalError
public class OrderNotFoundException extends RuntimeException {

	private final long orderId;

	/**
	 * Create a new {@code OrderNotFoundException}.
	 * @param orderId the id of the order that does not exist
	 */
	public OrderNotFoundException(long orderId) {
		super("Order " + orderId + " does not exist");
		this.orderId = orderId;
	}

	/**
	 * Return the id of the order that does not exist.
	 * @return the order id
	 */
	public long getOrderId() {
		return this.orderId;
	}

}
