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

package io.github.paralleltasks;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.metrics.BatchOutcome;
import io.github.paralleltasks.metrics.CancelReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.task.SyncTaskExecutor;

import static io.github.paralleltasks.TestTasks.since;
import static io.github.paralleltasks.TestTasks.sleeper;
import static io.github.paralleltasks.TestTasks.taker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests of the timeouts of {@link ParallelTaskTemplate}.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskTemplateTimeoutTests {

	private final TestPools pools = new TestPools();

	private final RecordingParallelTaskMetrics metrics = new RecordingParallelTaskMetrics();

	private final Collection<String> interrupted = new ConcurrentLinkedQueue<>();

	private final CountDownLatch started = new CountDownLatch(2);

	@AfterEach
	void shutdownPools() throws InterruptedException {
		this.pools.close();
	}

	@Test
	void timeoutOnASynchronousExecutorCancelsTheTasksNotYetRun() {
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(new SyncTaskExecutor())
			.metrics(this.metrics)
			.build();
		Duration timeout = Duration.ofMillis(50);
		AtomicInteger laterRuns = new AtomicInteger();
		List<Callable<String>> tasks = List.of(() -> {
			// The batch's deadline was set before this task started
			long start = System.nanoTime();
			TestTasks.eventually().until(() -> since(start).compareTo(timeout) > 0);
			return "slow";
		}, () -> "later-" + laterRuns.incrementAndGet(), () -> "later-" + laterRuns.incrementAndGet());
		ParallelTimeoutException ex = catchThrowableOfType(ParallelTimeoutException.class,
				() -> template.invokeAll(tasks, timeout));
		assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
			.containsExactly(State.SUCCESS, State.CANCELLED, State.CANCELLED);
		assertThat(ex.getResult().values()).singleElement().isEqualTo("slow");
		assertThat(laterRuns).hasValue(0);
		assertThat(this.metrics.cancelled(CancelReason.TIMEOUT)).isEqualTo(2);
		assertThat(this.metrics.outcomes()).containsExactly(BatchOutcome.TIMEOUT);
	}

	@Test
	void timeoutPassedWhileACallStartedOnTheCallersThreadCancelsTheCallsNotYetStarted() {
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(new SyncTaskExecutor())
			.metrics(this.metrics)
			.build();
		Duration timeout = Duration.ofMillis(50);
		AtomicInteger laterStarts = new AtomicInteger();
		List<AsyncCall<String>> calls = List.of(() -> {
			// The batch's deadline was set before this call started
			long start = System.nanoTime();
			TestTasks.eventually().until(() -> since(start).compareTo(timeout) > 0);
			return CompletableFuture.completedFuture("slow");
		}, () -> CompletableFuture.completedFuture("later-" + laterStarts.incrementAndGet()));
		ParallelTimeoutException ex = catchThrowableOfType(ParallelTimeoutException.class,
				() -> template.awaitAll(calls, timeout));
		assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
			.containsExactly(State.SUCCESS, State.CANCELLED);
		assertThat(laterStarts).hasValue(0);
		assertThat(this.metrics.cancelled(CancelReason.TIMEOUT)).isEqualTo(1);
	}

	@Test
	void timeoutCancelsUnfinishedTasksAndKeepsFinishedValues() {
		ThreadPoolExecutor pool = this.pools.fixed(3);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).metrics(this.metrics).build();
		Duration timeout = TestTasks.SHORT_TIMEOUT;
		List<Callable<String>> tasks = List.of(() -> "fast", sleeper("sleeper", this.started, this.interrupted),
				taker("taker", this.started, this.interrupted));
		long start = System.nanoTime();
		ParallelTimeoutException ex = catchThrowableOfType(ParallelTimeoutException.class,
				() -> template.invokeAll(tasks, timeout));
		assertThat(since(start)).isGreaterThanOrEqualTo(timeout).isLessThan(TestTasks.FAST);
		assertThat(ex.getTimeout()).isEqualTo(timeout);
		assertThat(ex).hasMessageContaining("did not end within " + timeout);
		assertThat(this.interrupted).containsExactlyInAnyOrder("sleeper", "taker");
		ParallelResult<?> result = ex.getResult();
		assertThat(result.subtasks()).extracting(Subtask::state)
			.containsExactly(State.SUCCESS, State.CANCELLED, State.CANCELLED);
		assertThat(result.values()).isEqualTo(List.of("fast"));
		assertThat(result.failures()).isEmpty();
		assertThat(this.metrics.cancelled(CancelReason.TIMEOUT)).isEqualTo(2);
		assertThat(this.metrics.batches(BatchOutcome.TIMEOUT)).isEqualTo(1);
		assertThat(Thread.interrupted()).as("caller's interrupt flag").isFalse();
		TestPools.awaitIdle(pool);
	}

	@Test
	void defaultTimeoutAppliesToBatchesGivenNone() {
		ThreadPoolExecutor pool = this.pools.fixed(2);
		Duration timeout = TestTasks.SHORT_TIMEOUT;
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).defaultTimeout(timeout).build();
		assertThat(template.getDefaultTimeout()).isEqualTo(timeout);
		List<Callable<String>> tasks = List.of(sleeper("a", this.started, this.interrupted),
				sleeper("b", this.started, this.interrupted));
		long start = System.nanoTime();
		ParallelTimeoutException ex = catchThrowableOfType(ParallelTimeoutException.class,
				() -> template.invokeAll(tasks));
		assertThat(since(start)).isLessThan(TestTasks.FAST);
		assertThat(ex.getTimeout()).isEqualTo(timeout);
		assertThat(ex.getResult().subtasks()).extracting(Subtask::state).containsOnly(State.CANCELLED);
		assertThat(this.interrupted).containsExactlyInAnyOrder("a", "b");
		TestPools.awaitIdle(pool);
	}

	@Test
	void timeoutGivenToABatchOverridesTheDefault() {
		ThreadPoolExecutor pool = this.pools.fixed(1);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool)
			.defaultTimeout(Duration.ofMinutes(1))
			.build();
		Duration timeout = TestTasks.SHORT_TIMEOUT;
		ParallelTimeoutException ex = catchThrowableOfType(ParallelTimeoutException.class,
				() -> template.invokeAll(List.of(sleeper("a", this.started, this.interrupted)), timeout));
		assertThat(ex.getTimeout()).isEqualTo(timeout);
		assertThat(ex.getResult().subtask(0).state()).isEqualTo(State.CANCELLED);
		assertThat(this.interrupted).containsExactly("a");
	}

	@Test
	void batchThatEndsWithinItsTimeoutReturnsItsValues() {
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(this.pools.fixed(2))
			.metrics(this.metrics)
			.defaultTimeout(Duration.ofSeconds(30))
			.build();
		ParallelResult<String> result = template.invokeAll(List.of(() -> "a", () -> "b"));
		assertThat(result.values()).containsExactly("a", "b");
		assertThat(this.metrics.batches(BatchOutcome.SUCCESS)).isEqualTo(1);
		assertThat(this.metrics.batches(BatchOutcome.TIMEOUT)).isZero();
	}

	@Test
	void timeoutCancelsQueuedTasksWithoutStartingThem() {
		ThreadPoolExecutor pool = this.pools.fixed(1);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).metrics(this.metrics).build();
		CountDownLatch queuedStarted = new CountDownLatch(1);
		List<Callable<String>> tasks = List.of(sleeper("running", this.started, this.interrupted),
				sleeper("queued", queuedStarted, this.interrupted));
		ParallelTimeoutException ex = catchThrowableOfType(ParallelTimeoutException.class,
				() -> template.invokeAll(tasks, TestTasks.SHORT_TIMEOUT));
		assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
			.containsExactly(State.CANCELLED, State.CANCELLED);
		assertThat(this.interrupted).containsExactly("running");
		TestTasks.eventually().until(() -> pool.getCompletedTaskCount() == 2);
		assertThat(queuedStarted.getCount()).isOne();
		assertThat(this.metrics.cancelled(CancelReason.TIMEOUT)).isEqualTo(2);
	}

}
