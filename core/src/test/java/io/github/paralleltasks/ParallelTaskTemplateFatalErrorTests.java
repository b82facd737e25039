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
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.TestExceptions.FatalTestException;
import io.github.paralleltasks.metrics.BatchOutcome;
import io.github.paralleltasks.metrics.CancelReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.task.SyncTaskExecutor;

import static io.github.paralleltasks.TestTasks.since;
import static io.github.paralleltasks.TestTasks.sleeper;
import static io.github.paralleltasks.TestTasks.taker;
import static io.github.paralleltasks.TestTasks.throwingAfter;
import static io.github.paralleltasks.TestTasks.throwingWhen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests of what a fatal error does to its batch in {@link ParallelTaskTemplate}.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskTemplateFatalErrorTests {

	private final TestPools pools = new TestPools();

	private final RecordingParallelTaskMetrics metrics = new RecordingParallelTaskMetrics();

	private final Collection<String> interrupted = new ConcurrentLinkedQueue<>();

	@AfterEach
	void shutdownPools() throws InterruptedException {
		this.pools.close();
	}

	@Test
	void fatalErrorOnASynchronousExecutorCancelsTheTasksNotYetRun() {
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(new SyncTaskExecutor())
			.metrics(this.metrics)
			.build();
		FatalTestException fatal = new FatalTestException("first");
		AtomicInteger laterRuns = new AtomicInteger();
		List<Callable<String>> tasks = List.of(() -> "before", () -> {
			throw fatal;
		}, () -> "later-" + laterRuns.incrementAndGet());
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> template.invokeAll(tasks));
		assertThat(ex.getCause()).isSameAs(fatal);
		assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
			.containsExactly(State.SUCCESS, State.FATAL, State.CANCELLED);
		assertThat(laterRuns).hasValue(0);
		assertThat(this.metrics.cancelled(CancelReason.FATAL)).isEqualTo(1);
	}

	@Test
	void fatalErrorInterruptsSiblingsBlockedInSleepAndTakeAndThrowsAtOnce() {
		ThreadPoolExecutor pool = this.pools.fixed(3);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).build();
		CountDownLatch started = new CountDownLatch(2);
		FatalTestException fatal = new FatalTestException("payment refused");
		List<Callable<String>> tasks = List.of(sleeper("sleeper", started, this.interrupted),
				taker("taker", started, this.interrupted),
				ParallelTask.named("payment", throwingAfter(started, new CompletionException(fatal))));
		long start = System.nanoTime();
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> template.invokeAll(tasks));
		assertThat(since(start)).isLessThan(TestTasks.FAST);
		assertThat(ex.getCause()).isSameAs(fatal);
		assertThat(ex.taskName()).isEqualTo("payment");
		assertThat(ex).hasMessageContaining("payment").hasNoSuppressedExceptions();
		assertThat(this.interrupted).containsExactlyInAnyOrder("sleeper", "taker");
		ParallelResult<?> result = ex.getResult();
		assertThat(result.subtasks()).extracting(Subtask::state)
			.containsExactly(State.CANCELLED, State.CANCELLED, State.FATAL);
		assertThat(result.subtask(0).exception()).isInstanceOf(InterruptedException.class);
		assertThat(result.subtask(1).exception()).isInstanceOf(InterruptedException.class);
		assertThat(result.subtask(2).exception()).isSameAs(fatal);
		assertThat(result.values()).isEmpty();
		assertThat(result.failures()).isEmpty();
		TestPools.awaitIdle(pool);
	}

	@Test
	void fatalErrorPreventsQueuedTasksFromStarting() {
		ThreadPoolExecutor pool = this.pools.fixed(2);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).build();
		CountDownLatch started = new CountDownLatch(1);
		AtomicInteger starts = new AtomicInteger();
		Callable<String> queued = () -> "started " + starts.incrementAndGet();
		List<Callable<String>> tasks = List.of(sleeper("sleeper", started, this.interrupted),
				throwingWhen(() -> started.getCount() == 0 && pool.getQueue().size() == 4,
						new FatalTestException("boom")),
				queued, queued, queued, queued);
		long start = System.nanoTime();
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> template.invokeAll(tasks));
		assertThat(since(start)).isLessThan(TestTasks.FAST);
		assertThat(ex.taskName()).isEqualTo("task-1");
		assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
			.containsExactly(State.CANCELLED, State.FATAL, State.CANCELLED, State.CANCELLED, State.CANCELLED,
					State.CANCELLED);
		assertThat(ex.getResult().subtasks().subList(2, 6)).extracting(Subtask::exception).containsOnlyNulls();
		assertThat(this.interrupted).containsExactly("sleeper");
		// The pool still runs what was queued: each of them must see its batch cancelled
		TestTasks.eventually().until(() -> pool.getCompletedTaskCount() == 6);
		assertThat(starts).hasValue(0);
		TestPools.awaitIdle(pool);
	}

	@Test
	void laterFatalErrorIsSuppressedByTheFirst() {
		ThreadPoolExecutor pool = this.pools.fixed(2);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).metrics(this.metrics).build();
		CountDownLatch started = new CountDownLatch(1);
		FatalTestException first = new FatalTestException("first");
		FatalTestException second = new FatalTestException("second");
		Callable<String> failsWhenInterrupted = () -> {
			started.countDown();
			try {
				Thread.sleep(TestTasks.LONG_WORK.toMillis());
				return "slept";
			}
			catch (InterruptedException ex) {
				// A fatal error of its own, not the consequence of the cancel
				throw second;
			}
		};
		List<Callable<String>> tasks = List.of(failsWhenInterrupted, throwingAfter(started, first));
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> template.invokeAll(tasks));
		assertThat(ex.getCause()).isSameAs(first);
		assertThat(ex.taskName()).isEqualTo("task-1");
		assertThat(ex.getSuppressed()).containsExactly(second);
		assertThat(ex.getResult().subtasks()).extracting(Subtask::state).containsExactly(State.FATAL, State.FATAL);
		assertThat(ex.getResult().subtask(0).exception()).isSameAs(second);
		assertThat(this.metrics.fatal(FatalTestException.class)).isEqualTo(2);
		TestPools.awaitIdle(pool);
	}

	@Test
	void valuesOfTasksThatSucceededBeforeTheFatalErrorAreReadable() {
		ThreadPoolExecutor pool = this.pools.fixed(3);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).build();
		CountDownLatch started = new CountDownLatch(1);
		List<Callable<String>> tasks = List.of(() -> "done", sleeper("sleeper", started, this.interrupted),
				throwingWhen(() -> started.getCount() == 0 && pool.getCompletedTaskCount() == 1,
						new FatalTestException("boom")));
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> template.invokeAll(tasks));
		ParallelResult<?> result = ex.getResult();
		assertThat(result.values()).isEqualTo(List.of("done"));
		assertThat(result.subtask(0).state()).isEqualTo(State.SUCCESS);
		assertThat(result.subtask(0).get()).isEqualTo("done");
		assertThat(result.subtask(1).state()).isEqualTo(State.CANCELLED);
		assertThat(result.isComplete()).isFalse();
		assertThat(this.interrupted).containsExactly("sleeper");
		TestPools.awaitIdle(pool);
	}

	@Test
	void fatalErrorIsCountedWithEverySiblingItCancelled() {
		ThreadPoolExecutor pool = this.pools.fixed(4);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool)
			.metrics(this.metrics)
			.build()
			.batch("checkout");
		CountDownLatch started = new CountDownLatch(3);
		List<Callable<String>> tasks = List.of(sleeper("a", started, this.interrupted),
				sleeper("b", started, this.interrupted), taker("c", started, this.interrupted),
				throwingWhen(() -> started.getCount() == 0 && pool.getQueue().size() == 2,
						new FatalTestException("boom")),
				() -> "queued", () -> "queued");
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> template.invokeAll(tasks));
		assertThat(ex.getResult().subtasks()).filteredOn((subtask) -> subtask.state() == State.CANCELLED).hasSize(5);
		assertThat(this.interrupted).containsExactlyInAnyOrder("a", "b", "c");
		assertThat(this.metrics.fatal("checkout", null, FatalTestException.class)).isEqualTo(1);
		assertThat(this.metrics.cancelled("checkout", CancelReason.FATAL)).isEqualTo(5);
		assertThat(this.metrics.tolerated().size()).isZero();
		assertThat(this.metrics.batches(BatchOutcome.FATAL)).isEqualTo(1);
		assertThat(this.metrics.batches(BatchOutcome.SUCCESS) + this.metrics.batches(BatchOutcome.PARTIAL)).isZero();
		TestPools.awaitIdle(pool);
	}

	@Test
	void batchAfterAFatalErrorRunsNormallyOnTheSamePool() throws Exception {
		ThreadPoolExecutor pool = this.pools.fixed(2);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).build();
		CountDownLatch started = new CountDownLatch(1);
		List<Callable<String>> failing = List.of(sleeper("sleeper", started, this.interrupted),
				throwingAfter(started, new FatalTestException("boom")));
		catchThrowableOfType(FatalTaskException.class, () -> template.invokeAll(failing));
		List<Callable<Boolean>> probes = List.of(() -> Thread.currentThread().isInterrupted(),
				() -> Thread.currentThread().isInterrupted());
		ParallelResult<Boolean> result = template.invokeAll(probes, Duration.ofSeconds(10));
		assertThat(result.values()).containsExactly(false, false);
		assertThat(this.interrupted).containsExactly("sleeper");
	}

}
