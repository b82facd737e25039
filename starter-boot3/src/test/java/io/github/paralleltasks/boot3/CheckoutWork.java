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

package io.github.paralleltasks.boot3;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.paralleltasks.FatalError;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

/**
 * The back-end calls of a checkout. Orders 404 and 402 fail with a fatal error once the
 * calls to cancel are running; those block until they are interrupted, and record it.
 *
 * @author parallel-tasks authors
 */
@Service
public class CheckoutWork {

	private final Set<String> interrupted = ConcurrentHashMap.newKeySet();

	private volatile CountDownLatch stockRunning = new CountDownLatch(1);

	private volatile CountDownLatch paymentRunning = new CountDownLatch(1);

	/**
	 * Return the calls that were interrupted. A method, not a field: callers hold the
	 * {@code @Async} proxy of this service.
	 * @return the names of the interrupted calls
	 */
	public Set<String> interrupted() {
		return Set.copyOf(this.interrupted);
	}

	public void reset() {
		this.interrupted.clear();
		this.stockRunning = new CountDownLatch(1);
		this.paymentRunning = new CountDownLatch(1);
	}

	public String customer(long order) throws InterruptedException {
		if (order == 404) {
			// Fail only once both siblings are running, so that there is something to
			// cancel
			awaitRunning(this.stockRunning);
			awaitRunning(this.paymentRunning);
			throw new OrderNotFoundException(order);
		}
		return "customer-" + order;
	}

	/**
	 * Reserve the stock of an order, on the application's task executor.
	 * @param order the order
	 * @return the reservation
	 */
	@Async
	public CompletableFuture<String> reserveStock(long order) {
		return CompletableFuture.completedFuture(blockIfFailing(order, "stock", this.stockRunning, "reserved"));
	}

	public String pay(long order) throws InterruptedException {
		if (order == 402) {
			awaitRunning(this.stockRunning);
			throw new CardDeclinedException(order);
		}
		return blockIfFailing(order, "payment", this.paymentRunning, "paid");
	}

	public List<String> recommendations(long order) {
		throw new IllegalStateException("recommendations service timed out");
	}

	private static void awaitRunning(CountDownLatch running) throws InterruptedException {
		if (!running.await(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("a sibling call did not start");
		}
	}

	private String blockIfFailing(long order, String call, CountDownLatch running, String value) {
		if (order != 404 && order != 402) {
			return value;
		}
		running.countDown();
		try {
			Thread.sleep(TimeUnit.MINUTES.toMillis(1));
			return value;
		}
		catch (InterruptedException ex) {
			this.interrupted.add(call);
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	/**
	 * Fatal to a checkout through {@link FatalError @FatalError}.
	 */
	@FatalError
	static class OrderNotFoundException extends RuntimeException {

		OrderNotFoundException(long order) {
			super("order " + order + " does not exist");
		}

	}

	/**
	 * Fatal to a checkout through {@code parallel-tasks.fatal-exceptions}.
	 */
	static class CardDeclinedException extends RuntimeException {

		CardDeclinedException(long order) {
			super("card of order " + order + " declined");
		}

	}

}
