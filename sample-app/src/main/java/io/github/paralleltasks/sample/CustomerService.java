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

import java.util.concurrent.CompletableFuture;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

/**
 * Simulated customer service. Order {@value #MISSING_ORDER_ID} does not exist.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
@Service
public class CustomerService {

	/**
	 * The id of an order that does not exist.
	 */
	public static final long MISSING_ORDER_ID = 404;

	private static final String[] NAMES = { "Ada Lovelace", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov" };

	private static final String[] TIERS = { "gold", "silver", "bronze" };

	private final SampleProperties properties;

	/**
	 * Create a new {@code CustomerService}.
	 * @param properties the properties of the sample
	 */
	public CustomerService(SampleProperties properties) {
		this.properties = properties;
	}

	/**
	 * Find the customer who placed an order.
	 * @param orderId the order id
	 * @return the customer
	 * @throws OrderNotFoundException if the order does not exist
	 */
	@Async
	public CompletableFuture<Customer> findCustomer(long orderId) {
		Latency.simulate(this.properties.getDelays().getCustomer());
		if (orderId == MISSING_ORDER_ID) {
			throw new OrderNotFoundException(orderId);
		}
		int index = (int) Math.floorMod(orderId, (long) NAMES.length);
		Customer customer = new Customer(1000 + orderId, NAMES[index], TIERS[index % TIERS.length]);
		return CompletableFuture.completedFuture(customer);
	}

}
