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

package io.github.paralleltasks.micrometer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.paralleltasks.FatalError;
import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelTask;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.Subtask;
import io.micrometer.core.instrument.MeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A batch {@code checkout} whose task {@code recommendations} fails with a tolerated
 * error, then whose task {@code payment} fails with a fatal error, which cancels the
 * running task {@code inventory}. Needs an executor of at least three threads.
 *
 * @author parallel-tasks authors
 */
public final class CheckoutScenario {

	private CheckoutScenario() {
	}

	/**
	 * Run the batch and check what happened to every task.
	 * @param template the template, whose batches are named {@code checkout}
	 * @param meterRegistry the registry that counts tolerated errors, which the fatal
	 * task waits for
	 * @return the exception the batch threw
	 */
	public static FatalTaskException run(ParallelTaskTemplate template, MeterRegistry meterRegistry) {
		CountDownLatch inventoryRunning = new CountDownLatch(1);
		List<ParallelTask<String>> tasks = List.of(ParallelTask.named("recommendations", () -> {
			throw new IllegalStateException("recommendations timed out");
		}), ParallelTask.named("payment", () -> {
			assertThat(inventoryRunning.await(10, TimeUnit.SECONDS)).isTrue();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> meterRegistry.find(ParallelTaskMetricNames.TOLERATED).counter() != null);
			throw new PaymentDeclinedException();
		}), ParallelTask.named("inventory", () -> {
			inventoryRunning.countDown();
			Thread.sleep(TimeUnit.SECONDS.toMillis(20));
			return "in stock";
		}));
		long start = System.nanoTime();
		FatalTaskException exception = assertThatExceptionOfType(FatalTaskException.class)
			.isThrownBy(() -> template.invokeAll(tasks))
			.actual();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		assertThat(exception.getCause()).isInstanceOf(PaymentDeclinedException.class);
		assertThat(exception.getResult().subtasks()).extracting(Subtask::state)
			.containsExactly(Subtask.State.FAILED, Subtask.State.FATAL, Subtask.State.CANCELLED);
		return exception;
	}

	@FatalError
	public static class PaymentDeclinedException extends RuntimeException {

		PaymentDeclinedException() {
			super("card declined");
		}

	}

}
