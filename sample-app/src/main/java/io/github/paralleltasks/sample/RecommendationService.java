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
import java.util.concurrent.CompletableFuture;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

/**
 * Simulated recommendations service. For order {@value #SLOW_ORDER_ID}, the
 * recommendation engine times out; for order {@value #SLOW_ENGINE_ORDER_ID}, it is slow
 * ({@code sample.delays.slow-recommendations}), so that the call's own timeout cancels
 * it.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
@Service
public class RecommendationService {

	/**
	 * The id of an order whose recommendations time out.
	 */
	public static final long SLOW_ORDER_ID = 504;

	/**
	 * The id of an order whose recommendations take long, unless they are cancelled.
	 */
	public static final long SLOW_ENGINE_ORDER_ID = 505;

	private final SampleProperties properties;

	/**
	 * Create a new {@code RecommendationService}.
	 * @param properties the properties of the sample
	 */
	public RecommendationService(SampleProperties properties) {
		this.properties = properties;
	}

	/**
	 * Recommend products to the customer of an order.
	 * @param orderId the order id
	 * @return the recommendations
	 * @throws RecommendationsTimeoutException if the recommendation engine does not
	 * answer in time
	 */
	@Async
	public CompletableFuture<List<Recommendation>> recommendationsFor(long orderId) {
		Latency.simulate((orderId == SLOW_ENGINE_ORDER_ID) ? this.properties.getDelays().getSlowRecommendations()
				: this.properties.getDelays().getRecommendations());
		if (orderId == SLOW_ORDER_ID) {
			throw new RecommendationsTimeoutException(
					"Recommendation engine did not answer in time for order " + orderId);
		}
		return CompletableFuture.completedFuture(List.of(new Recommendation("SKU-" + (orderId + 1), "Gift wrapping"),
				new Recommendation("SKU-" + (orderId + 2), "Extended warranty")));
	}

}
