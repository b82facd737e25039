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

import io.github.paralleltasks.ParallelCall;
import io.github.paralleltasks.ParallelResult;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.Subtask;
import io.github.paralleltasks.sample.OrderSummary.MissingPart;

import org.springframework.stereotype.Service;

/**
 * Gathers the summary of an order from the customer, prices, recommendations and order
 * history services, in parallel, through the auto-configured
 * {@link ParallelTaskTemplate}. The order history is read from the database.
 *
 * <p>
 * If the order does not exist, the customer service throws an
 * {@link OrderNotFoundException}, which is a fatal error: the other calls are cancelled,
 * the query of the order history in the database too, and a
 * {@link io.github.paralleltasks.FatalTaskException} is thrown at once.
 *
 * <p>
 * The customer and the prices are critical: the summary cannot do without them, so any
 * exception of theirs is fatal. The recommendations are optional: whatever they throw is
 * tolerated and the summary is returned without them, and they have a timeout of their
 * own ({@code sample.recommendations-timeout}), shorter than the summary's: when the
 * recommendation engine is slow, its call is cancelled, its thread interrupted, and the
 * page is served without recommendations instead of failing as a whole. The order history
 * is left to the fatal error policy, by the type of its exceptions.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
@Service
public class OrderSummaryService {

	private final ParallelTaskTemplate template;

	private final SampleProperties properties;

	private final CustomerService customers;

	private final PriceService prices;

	private final RecommendationService recommendations;

	private final OrderHistoryService history;

	/**
	 * Create a new {@code OrderSummaryService}.
	 * @param template the auto-configured template
	 * @param properties the properties of the sample
	 * @param customers the customer service
	 * @param prices the prices service
	 * @param recommendations the recommendations service
	 * @param history the order history service
	 */
	public OrderSummaryService(ParallelTaskTemplate template, SampleProperties properties, CustomerService customers,
			PriceService prices, RecommendationService recommendations, OrderHistoryService history) {
		this.template = template.batch("order-summary");
		this.properties = properties;
		this.customers = customers;
		this.prices = prices;
		this.recommendations = recommendations;
		this.history = history;
	}

	/**
	 * Gather the summary of an order.
	 * @param orderId the order id
	 * @return the summary, possibly with missing parts
	 * @throws io.github.paralleltasks.FatalTaskException if a service failed with a fatal
	 * error, such as {@link OrderNotFoundException}
	 * @throws io.github.paralleltasks.ParallelTimeoutException if the parts were not all
	 * there within the summary timeout
	 */
	public OrderSummary summarize(long orderId) {
		return this.template.execute(this.properties.getSummaryTimeout(), (scope) -> {
			Subtask<Customer> customer = scope
				.forkAsync(ParallelCall.critical("customer", () -> this.customers.findCustomer(orderId)));
			Subtask<Prices> prices = scope
				.forkAsync(ParallelCall.critical("prices", () -> this.prices.pricesFor(orderId)));
			Subtask<List<Recommendation>> recommendations = scope.forkAsync(
					ParallelCall.optional("recommendations", () -> this.recommendations.recommendationsFor(orderId))
						.withTimeout(this.properties.getRecommendationsTimeout()));
			Subtask<List<OrderEvent>> history = scope
				.forkAsync(ParallelCall.named("history", () -> this.history.historyOf(orderId)));
			ParallelResult<Object> result = scope.join();
			List<MissingPart> missing = result.failures()
				.stream()
				.map((failure) -> new MissingPart(failure.taskName(), failure.exception().getClass().getName(),
						failure.exception().getMessage()))
				.toList();
			return new OrderSummary(orderId, valueOrNull(customer), valueOrNull(prices), valueOrNull(recommendations),
					valueOrNull(history), result.isComplete(), missing);
		});
	}

	private static <T> T valueOrNull(Subtask<T> subtask) {
		return (subtask.state() == Subtask.State.SUCCESS) ? subtask.get() : null;
	}

}
