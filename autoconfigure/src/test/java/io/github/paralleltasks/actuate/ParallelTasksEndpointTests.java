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

package io.github.paralleltasks.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelResult;
import io.github.paralleltasks.ParallelTask;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.ParallelTimeoutException;
import io.github.paralleltasks.Subtask;
import io.github.paralleltasks.TestExceptions.FatalTestException;
import io.github.paralleltasks.TestTasks;
import io.github.paralleltasks.actuate.ParallelTasksDescriptor.BatchDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ParallelTasksEndpoint} and the {@link ParallelTaskTracker} behind it.
 *
 * @author parallel-tasks authors
 */
class ParallelTasksEndpointTests {

	private static final Instant START = Instant.parse("2026-11-28T08:00:00Z");

	private final ExecutorService pool = Executors.newFixedThreadPool(4);

	private final ExecutorService callers = Executors.newFixedThreadPool(2);

	private final ParallelTaskTracker tracker = new ParallelTaskTracker(Clock.fixed(START, ZoneOffset.UTC));

	private final ParallelTasksEndpoint endpoint = new ParallelTasksEndpoint(this.tracker);

	private final ParallelTaskTemplate template = ParallelTaskTemplate.builder(this.pool).metrics(this.tracker).build();

	@AfterEach
	void shutDownPools() throws InterruptedException {
		this.callers.shutdownNow();
		this.pool.shutdownNow();
		assertThat(this.callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void nothingInFlightAndZeroTotalsBeforeAnyBatch() {
		ParallelTasksDescriptor described = this.endpoint.parallelTasks();
		assertThat(described.since()).isEqualTo(START);
		assertThat(described.inFlight()).isEmpty();
		assertThat(described.totals().batches()).containsExactly(entry("success"), entry("partial"), entry("fatal"),
				entry("timeout"), entry("cancelled"));
		assertThat(described.totals().tasks()).containsExactly(entry("success"), entry("failed"), entry("fatal"),
				entry("cancelled"));
		assertThat(described.totals().cancelled()).containsExactly(entry("fatal"), entry("timeout"),
				entry("interrupted"), entry("closed"), entry("shutdown"));
		assertThat(described.totals().running()).isZero();
	}

	@Test
	void batchInFlightShowsItsRunningDoneAndFailedTasksThenCountsInTheTotals() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		List<ParallelTask<String>> tasks = List.of(ParallelTask.named("prices", () -> "12.50"),
				ParallelTask.named("recommendations", () -> {
					throw new IllegalStateException("recommendations timed out");
				}), blockedUntil("stock", release), blockedUntil("shipping", release));
		Future<ParallelResult<String>> batch = this.callers
			.submit(() -> this.template.batch("checkout").invokeAll(tasks));
		try {
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.endpoint.parallelTasks().inFlight())
					.containsExactly(new BatchDescriptor("checkout", START, 4, 2, 2, 1, 0)));
			ParallelTasksDescriptor during = this.endpoint.parallelTasks();
			assertThat(during.totals().batches().values()).containsOnly(0L);
			assertThat(during.totals().tasks()).containsEntry("success", 1L).containsEntry("failed", 1L);
			assertThat(during.totals().running()).isEqualTo(2);
		}
		finally {
			release.countDown();
		}
		ParallelResult<String> result = batch.get(10, TimeUnit.SECONDS);
		assertThat(result.values()).containsExactly("12.50", "stock", "shipping");
		ParallelTasksDescriptor after = this.endpoint.parallelTasks();
		assertThat(after.inFlight()).isEmpty();
		assertThat(after.totals().batches()).containsEntry("partial", 1L).containsEntry("success", 0L);
		assertThat(after.totals().tasks()).containsEntry("success", 3L)
			.containsEntry("failed", 1L)
			.containsEntry("fatal", 0L)
			.containsEntry("cancelled", 0L);
		assertThat(after.totals().cancelled().values()).containsOnly(0L);
		assertThat(after.totals().running()).isZero();
	}

	@Test
	void concurrentBatchesAreListedOldestFirstAndAScopeCountsItsForks() throws Exception {
		ParallelTaskTracker ticking = new ParallelTaskTracker(new TickingClock(START));
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(this.pool).metrics(ticking).build();
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch scopeRunning = new CountDownLatch(1);
		List<Future<?>> batches = new ArrayList<>();
		try {
			batches.add(this.callers.submit(() -> template.execute((scope) -> {
				scope.fork(blockedUntil("stock", release));
				scopeRunning.countDown();
				return scope.join();
			})));
			assertThat(scopeRunning.await(10, TimeUnit.SECONDS)).isTrue();
			batches.add(this.callers
				.submit(() -> template.batch("checkout").invokeAll(List.of(blockedUntil("prices", release)))));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(ticking.describe().inFlight()).containsExactly(
						new BatchDescriptor("unnamed", START.plusSeconds(1), 1, 1, 0, 0, 0),
						new BatchDescriptor("checkout", START.plusSeconds(2), 1, 1, 0, 0, 0)));
		}
		finally {
			release.countDown();
		}
		for (Future<?> batch : batches) {
			batch.get(10, TimeUnit.SECONDS);
		}
		assertThat(ticking.describe().inFlight()).isEmpty();
		assertThat(ticking.describe().totals().batches()).containsEntry("success", 2L);
	}

	@Test
	void fatalTimedOutAndUnjoinedScopeBatchesAreCountedByOutcomeAndCancelReason() throws Exception {
		CountDownLatch inventoryRunning = new CountDownLatch(1);
		assertThatExceptionOfType(FatalTaskException.class)
			.isThrownBy(() -> this.template.invokeAll(List.of(ParallelTask.named("payment", () -> {
				assertThat(inventoryRunning.await(10, TimeUnit.SECONDS)).isTrue();
				throw new FatalTestException("Payment declined");
			}), sleeping("inventory", inventoryRunning))))
			.satisfies((ex) -> assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
				.containsExactly(Subtask.State.FATAL, Subtask.State.CANCELLED));
		CountDownLatch slowRunning = new CountDownLatch(1);
		assertThatExceptionOfType(ParallelTimeoutException.class)
			.isThrownBy(() -> this.template.invokeAll(List.of(sleeping("slow", slowRunning)), Duration.ofSeconds(1)))
			.satisfies((ex) -> assertThat(ex.getResult().subtask(0).state()).isEqualTo(Subtask.State.CANCELLED));
		assertThat(slowRunning.getCount()).isZero();
		CountDownLatch leftRunning = new CountDownLatch(1);
		String left = this.template.execute((scope) -> {
			scope.fork(sleeping("left", leftRunning));
			await().atMost(Duration.ofSeconds(10)).until(() -> leftRunning.getCount() == 0);
			return "left without join";
		});
		assertThat(left).isEqualTo("left without join");
		ParallelTasksDescriptor described = this.endpoint.parallelTasks();
		assertThat(described.inFlight()).isEmpty();
		assertThat(described.totals().batches()).containsExactly(entry("success"), entry("partial"), entry("fatal", 1),
				entry("timeout", 1), entry("cancelled", 1));
		assertThat(described.totals().tasks()).containsExactly(entry("success"), entry("failed"), entry("fatal", 1),
				entry("cancelled", 3));
		assertThat(described.totals().cancelled()).containsExactly(entry("fatal", 1), entry("timeout", 1),
				entry("interrupted"), entry("closed", 1), entry("shutdown"));
		assertThat(described.totals().running()).isZero();
	}

	@Test
	void tasksCancelledBeforeTheyStartedAreCountedInTheTaskTotalsAsInTheCancelledOnes() throws Exception {
		ExecutorService single = Executors.newSingleThreadExecutor();
		try {
			ParallelTaskTemplate template = ParallelTaskTemplate.builder(single).metrics(this.tracker).build();
			assertThatExceptionOfType(FatalTaskException.class)
				.isThrownBy(() -> template.invokeAll(List.of(ParallelTask.named("payment", () -> {
					throw new FatalTestException("Payment declined");
				}), ParallelTask.named("queued-1", () -> "never"), ParallelTask.named("queued-2", () -> "never"))))
				.satisfies((ex) -> assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
					.containsExactly(Subtask.State.FATAL, Subtask.State.CANCELLED, Subtask.State.CANCELLED));
			ParallelTasksDescriptor.TotalsDescriptor totals = this.endpoint.parallelTasks().totals();
			assertThat(totals.tasks()).containsExactly(entry("success"), entry("failed"), entry("fatal", 1),
					entry("cancelled", 2));
			assertThat(totals.cancelled()).containsEntry("fatal", 2L);
			assertThat(totals.running()).isZero();
		}
		finally {
			single.shutdownNow();
		}
	}

	@Test
	void taskThatOutlivesItsBatchIsStillCountedAsRunningUntilItEnds() {
		ParallelTaskTemplate impatient = ParallelTaskTemplate.builder(this.pool)
			.metrics(this.tracker)
			.cancelGracePeriod(Duration.ofMillis(100))
			.build();
		CountDownLatch release = new CountDownLatch(1);
		try {
			assertThatExceptionOfType(ParallelTimeoutException.class)
				.isThrownBy(() -> impatient.invokeAll(List.of(ParallelTask.named("stubborn", () -> {
					try {
						Thread.sleep(TimeUnit.SECONDS.toMillis(20));
					}
					catch (InterruptedException ex) {
						// Ignores the cancel
						assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
					}
					return "late";
				})), Duration.ofSeconds(1)));
			ParallelTasksDescriptor abandoned = this.endpoint.parallelTasks();
			assertThat(abandoned.inFlight()).isEmpty();
			assertThat(abandoned.totals().batches()).containsEntry("timeout", 1L);
			assertThat(abandoned.totals().running()).isEqualTo(1);
			assertThat(abandoned.totals().tasks().values()).containsOnly(0L);
		}
		finally {
			release.countDown();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.endpoint.parallelTasks().totals().running() == 0);
		assertThat(this.endpoint.parallelTasks().totals().tasks()).containsEntry("cancelled", 1L)
			.containsEntry("success", 0L);
	}

	private static ParallelTask<String> blockedUntil(String name, CountDownLatch release) {
		return ParallelTask.named(name, () -> {
			assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
			return name;
		});
	}

	private static ParallelTask<String> sleeping(String name, CountDownLatch running) {
		return ParallelTask.named(name, TestTasks.sleeper(name, running, new ConcurrentLinkedQueue<>()));
	}

	private static Map.Entry<String, Long> entry(String key) {
		return entry(key, 0);
	}

	private static Map.Entry<String, Long> entry(String key, long value) {
		return Map.entry(key, value);
	}

	/**
	 * A clock that is one second further on each time it is read.
	 */
	private static final class TickingClock extends Clock {

		private Instant next;

		TickingClock(Instant start) {
			this.next = start;
		}

		@Override
		public synchronized Instant instant() {
			Instant instant = this.next;
			this.next = instant.plusSeconds(1);
			return instant;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
