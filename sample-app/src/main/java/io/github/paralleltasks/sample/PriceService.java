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

import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

/**
 * Simulated prices service.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
@Service
public class PriceService {

	private static final BigDecimal SHIPPING = new BigDecimal("4.90");

	private final SampleProperties properties;

	/**
	 * Create a new {@code PriceService}.
	 * @param properties the properties of the sample
	 */
	public PriceService(SampleProperties properties) {
		this.properties = properties;
	}

	/**
	 * Compute the prices of an order.
	 * @param orderId the order id
	 * @return the prices
	 */
	@Async
	public CompletableFuture<Prices> pricesFor(long orderId) {
		Latency.simulate(this.properties.getDelays().getPrices());
		BigDecimal subtotal = BigDecimal.valueOf(1990 + Math.floorMod(orderId, 100L) * 100L, 2);
		return CompletableFuture.completedFuture(new Prices(subtotal, SHIPPING, subtotal.add(SHIPPING), "EUR"));
	}

}
