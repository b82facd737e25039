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

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.paralleltasks.RecordingParallelTaskMetrics.TaskEnd;
import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.TestExceptions.FatalTestException;
import io.github.paralleltasks.TestTasks.Probe;
import io.github.paralleltasks.metrics.BatchOutcome;
import io.github.paralleltasks.metrics.CancelReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.github.paralleltasks.TestTasks.await;
import static io.github.paralleltasks.TestTasks.since;
import static io.github.paralleltasks.TestTasks.sleeper;
import static io.github.paralleltasks.TestTasks.taker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Fault tests of {@link ParallelTaskTemplate} with tasks that misbehave: that throw
 * errors of the virtual machine, ignore interrupts, or run batches of their own on the
 * same bounded pool. Every task is accounted for, the pool's threads end idle and
 * uninterrupted, and the pool stays usable.
 *
 * @author parallel-tasks authors
 */
@ExtendWith(OutputCaptureExtension.class)
class ParallelTaskTemplateTaskFaultTests {

	private static final Duration GRACE_PERIOD = Duration.ofMillis(200);

	private final TestPools pools = new TestPools();

	private final RecordingParallelTaskMetrics metrics = new RecordingParallelTaskMetrics();

	private final Collection<String> interrupted = new ConcurrentLinkedQueue<>();

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void shutdownPools() throws InterruptedException {
		this.release.countDown();
		this.pools.close();
	}

	static Stream<Arguments> virtualMachineErrors() {
		Supplier<Throwable> stackOverflow = () -> {
			try {
				recurse(0);
				throw new IllegalStateException("The recursion ended");
			}
			catch (StackOverflowError error) {
				return error;
			}
		};
		Supplier<Throwable> outOfMemory = () -> new OutOfMemoryError("test");
		return Stream.of(
				Arguments.of("StackOverflowError of a real recursion", stackOverflow, StackOverflowError.class),
				Arguments.of("OutOfMemoryError", outOfMemory, OutOfMemoryError.class));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("virtualMachineErrors")
	void virtualMachineErrorIsFatalEvenToAPolicyThatListsOtherTypesAndCancelsEverySibling(String description,
			Supplier<Throwable> error, Class<? extends Throwable> type) throws Exception {
		ThreadPoolExecutor pool = this.pools.fixed(3);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool)
			.fatalErrorPolicy(FatalErrorPolicy.of(List.of(IOException.class)))
			.metrics(this.metrics)
			.build()
			.batch("vm-error");
		CountDownLatch started = new CountDownLatch(2);
		AtomicInteger queuedRuns = new AtomicInteger();
		List<Callable<?>> tasks = List.of(sleeper("sleeper", started, this.interrupted),
				taker("taker", started, this.interrupted), ParallelTask.named("failing", () -> {
					await(started);
					TestTasks.eventually().until(() -> pool.getQueue().size() == 2);
					// Thrown from deep in the stack when it is a StackOverflowError
					throw TestTasks.<RuntimeException>sneakyThrow(error.get());
				}), queuedRuns::incrementAndGet, queuedRuns::incrementAndGet);
		long start = System.nanoTime();
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> template.invokeAll(tasks));
		assertThat(since(start)).isLessThan(TestTasks.FAST);
		assertThat(ex.taskName()).isEqualTo("failing");
		assertThat(ex.getCause()).isInstanceOf(type);
		assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
			.containsExactly(State.CANCELLED, State.CANCELLED, State.FATAL, State.CANCELLED, State.CANCELLED);
		assertThat(this.interrupted).containsExactlyInAnyOrder("sleeper", "taker");
		assertThat(this.metrics.fatal()).singleElement()
			.satisfies((failure) -> assertThat(failure.exception()).isSameAs(ex.getCause()));
		assertThat(this.metrics.cancelled("vm-error", CancelReason.FATAL)).isEqualTo(4);
		assertThat(this.metrics.outcomes()).containsExactly(BatchOutcome.FATAL);
		TestTasks.eventually().until(() -> pool.getCompletedTaskCount() == 5);
		assertThat(queuedRuns).as("runs of the queued tasks").hasValue(0);
		assertPoolUsableAndUninterrupted(template, pool, 3);
	}

	@Test
	void taskThatIgnoresInterruptsIsAbandonedAfterTheGracePeriodLoggedByNameAndEndsLaterHarmlessly(
			CapturedOutput output) throws Exception {
		ThreadPoolExecutor pool = this.pools.fixed(2);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool)
			.cancelGracePeriod(GRACE_PERIOD)
			.metrics(this.metrics)
			.build()
			.batch("stubborn-batch");
		CountDownLatch started = new CountDownLatch(1);
		AtomicInteger interrupts = new AtomicInteger();
		List<Callable<String>> tasks = List.of(ParallelTask.named("stubborn", stubborn(started, interrupts, null)),
				ParallelTask.named("failing", TestTasks.throwingAfter(started, new FatalTestException("boom"))));
		long start = System.nanoTime();
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> template.invokeAll(tasks));
		assertThat(since(start)).isGreaterThanOrEqualTo(GRACE_PERIOD).isLessThan(TestTasks.FAST);
		Subtask<?> stubborn = ex.getResult().subtask(0);
		assertThat(stubborn.state()).isEqualTo(State.UNAVAILABLE);
		assertThat(ex.getResult().subtask(1).state()).isEqualTo(State.FATAL);
		assertThat(output).contains("Task 'stubborn' of batch 'stubborn-batch' was still running " + GRACE_PERIOD
				+ " after it was cancelled; the batch no longer waits for it");
		assertThat(this.metrics.outcomes()).containsExactly(BatchOutcome.FATAL);
		assertThat(this.metrics.tasksRunning()).as("tasks still running").isOne();
		TestTasks.eventually().until(() -> interrupts.get() == 1);
		this.release.countDown();
		TestTasks.eventually().until(() -> this.metrics.tasksRunning() == 0);
		assertThat(this.metrics.taskEnds()).filteredOn((end) -> "stubborn".equals(end.taskName()))
			.singleElement()
			.extracting(TaskEnd::state)
			.isEqualTo(State.CANCELLED);
		assertThat(stubborn.state()).as("state once the abandoned task ended").isEqualTo(State.UNAVAILABLE);
		assertThat(output).doesNotContain("ended with fatal error");
		assertPoolUsableAndUninterrupted(template, pool, 2);
	}

	@Test
	void fatalErrorOfATaskAfterItsBatchAbandonedItIsLoggedAndChangesNothing(CapturedOutput output) throws Exception {
		ThreadPoolExecutor pool = this.pools.fixed(2);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool)
			.cancelGracePeriod(GRACE_PERIOD)
			.metrics(this.metrics)
			.build()
			.batch("stubborn-batch");
		CountDownLatch started = new CountDownLatch(1);
		AtomicInteger interrupts = new AtomicInteger();
		FatalTestException late = new FatalTestException("too late");
		List<Callable<String>> tasks = List.of(ParallelTask.named("stubborn", stubborn(started, interrupts, late)),
				ParallelTask.named("failing", TestTasks.throwingAfter(started, new FatalTestException("boom"))));
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> template.invokeAll(tasks));
		assertThat(ex.getSuppressed()).isEmpty();
		this.release.countDown();
		TestTasks.eventually().until(() -> this.metrics.tasksRunning() == 0);
		TestTasks.eventually()
			.until(() -> output.toString()
				.contains("Task 'stubborn' of batch 'stubborn-batch' ended with fatal error " + late
						+ " after its batch had stopped waiting for it"));
		assertThat(ex.getResult().subtask(0).state()).isEqualTo(State.UNAVAILABLE);
		assertThat(ex.getSuppressed()).as("suppressed once the batch had returned").isEmpty();
		assertThat(this.metrics.outcomes()).containsExactly(BatchOutcome.FATAL);
		assertPoolUsableAndUninterrupted(template, pool, 2);
	}

	@Test
	void batchesNestedOnTheSameBoundedPoolDoNotStarveItAndEveryTaskRunsOnce() {
		ThreadPoolExecutor pool = this.pools.fixed(2);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).metrics(this.metrics).build();
		AtomicInteger[][] runs = new AtomicInteger[8][4];
		List<Callable<List<Integer>>> outer = new ArrayList<>();
		for (int o = 0; o < 8; o++) {
			int outerIndex = o;
			outer.add(() -> {
				List<Callable<Integer>> inner = new ArrayList<>();
				for (int i = 0; i < 4; i++) {
					int innerIndex = i;
					AtomicInteger counter = new AtomicInteger();
					runs[outerIndex][innerIndex] = counter;
					inner.add(() -> {
						counter.incrementAndGet();
						return outerIndex * 10 + innerIndex;
					});
				}
				return template.invokeAll(inner).values();
			});
		}
		ParallelResult<List<Integer>> result = template.invokeAll(outer);
		assertThat(result.isComplete()).isTrue();
		for (int o = 0; o < 8; o++) {
			assertThat(result.subtask(o).get()).containsExactly(o * 10, o * 10 + 1, o * 10 + 2, o * 10 + 3);
			assertThat(runs[o]).extracting(AtomicInteger::get).containsOnly(1);
		}
		assertThat(this.metrics.batchesStarted()).isEqualTo(9);
		assertThat(this.metrics.outcomes()).hasSize(9).containsOnly(BatchOutcome.SUCCESS);
		assertThat(this.metrics.tasksStarted()).isEqualTo(8 + 8 * 4);
		assertThat(this.metrics.taskEnds()).hasSize(8 + 8 * 4).extracting(TaskEnd::state).containsOnly(State.SUCCESS);
		TestPools.awaitIdle(pool);
	}

	@Test
	void fatalErrorInABatchNestedOnTheSameBoundedPoolCancelsTheOuterBatchAndTheOtherNestedBatches() {
		ThreadPoolExecutor pool = this.pools.fixed(2);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).metrics(this.metrics).build();
		AtomicReference<Thread> waitingOwner = new AtomicReference<>();
		AtomicInteger innerRuns = new AtomicInteger();
		FatalTestException fatal = new FatalTestException("nested");
		// The first two outer tasks hold the pool's two threads before either forks:
		// otherwise the nested tasks of the first could take the second thread before
		// the second outer task is even submitted
		CountDownLatch bothOuterRunning = new CountDownLatch(2);
		List<Callable<Object>> outer = new ArrayList<>();
		for (int o = 0; o < 8; o++) {
			int outerIndex = o;
			outer.add(ParallelTask.named("outer-" + o, () -> {
				if (outerIndex < 2) {
					bothOuterRunning.countDown();
					TestTasks.await(bothOuterRunning);
				}
				List<Callable<Object>> inner = new ArrayList<>();
				for (int i = 0; i < 4; i++) {
					String name = "inner-" + outerIndex + "." + i;
					Callable<Object> work = (outerIndex == 1 && i == 3)
							? TestTasks.throwingWhen(() -> isWaiting(waitingOwner.get()), fatal) : () -> name;
					inner.add(ParallelTask.named(name, () -> {
						innerRuns.incrementAndGet();
						return work.call();
					}));
				}
				if (outerIndex == 0) {
					// With a timeout, the nested batch leaves its tasks to the pool,
					// whose threads are both busy: its owner waits for them
					waitingOwner.set(Thread.currentThread());
					return template.invokeAll(inner, Duration.ofMinutes(1)).values();
				}
				return template.invokeAll(inner).values();
			}));
		}
		long start = System.nanoTime();
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> template.invokeAll(outer));
		assertThat(since(start)).isLessThan(TestTasks.FAST);
		assertThat(ex.taskName()).isEqualTo("outer-1");
		assertThat(ex.getCause()).isSameAs(fatal);
		assertThat(ex.taskPath()).isEqualTo("outer-1/inner-1.3");
		ParallelResult<?> result = ex.getResult();
		assertThat(result.subtask(1).state()).isEqualTo(State.FATAL);
		assertThat(result.subtask(0).state()).isEqualTo(State.CANCELLED);
		assertThat(result.subtask(0).exception()).isInstanceOf(ParallelInterruptedException.class);
		ParallelResult<?> cancelledNested = ((ParallelTaskException) result.subtask(0).exception()).getResult();
		// The thread freed by the fatal error may start a nested task before the nested
		// batch's owner wakes up to cancel it: then it succeeds
		assertThat(cancelledNested.subtasks()).hasSize(4)
			.extracting(Subtask::state)
			.isSubsetOf(State.CANCELLED, State.SUCCESS);
		long nestedRuns = cancelledNested.subtasks().stream().filter((task) -> task.state() == State.SUCCESS).count();
		// The other outer tasks were queued behind the first two, on the only two threads
		assertThat(result.subtasks().subList(2, 8)).extracting(Subtask::state).containsOnly(State.CANCELLED);
		assertThat(innerRuns).as("inner tasks that ran").hasValue(1 + (int) nestedRuns);
		TestPools.awaitIdle(pool);
		assertThat(this.metrics.tasksRunning()).isZero();
		assertThat(this.metrics.outcomes()).containsExactlyInAnyOrder(BatchOutcome.FATAL, BatchOutcome.CANCELLED,
				BatchOutcome.FATAL);
		assertThat(this.metrics.cancelled(CancelReason.FATAL)).as("outer tasks and inner-1.0 to 1.2 cancelled")
			.isEqualTo(7 + 3);
		assertThat(this.metrics.cancelled(CancelReason.INTERRUPTED)).as("inner-0.x cancelled")
			.isEqualTo(4 - (int) nestedRuns);
		assertThat(template.invokeAll(List.of(() -> template.invokeAll(List.of(() -> "nested")).values())).values())
			.containsExactly(List.of("nested"));
	}

	@Test
	void parentCancelledWhileTheNestedBatchRunsATaskOnItsOwnThreadStopsTheNestedBatch() throws Exception {
		ThreadPoolExecutor pool = this.pools.fixed(1);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).metrics(this.metrics).build();
		CountDownLatch started = new CountDownLatch(1);
		AtomicReference<Probe> laterStarted = new AtomicReference<>();
		// The only thread runs the outer task, so the nested batch (without a timeout)
		// runs its own tasks on that thread, one after the other, last to first: the
		// sleeper first
		Callable<Object> outerTask = () -> template.invokeAll(List.of(ParallelTask.named("later", () -> {
			laterStarted.set(Probe.ofCurrentThread());
			return "later";
		}), ParallelTask.named("sleeper", sleeper("sleeper", started, this.interrupted)))).values();
		CallerThread caller = CallerThread.start(() -> template.invokeAll(List.of(outerTask)));
		await(started);
		caller.interrupt();
		CallerThread.Outcome outcome = caller.outcome();
		assertThat(outcome.exception()).isInstanceOf(ParallelInterruptedException.class);
		assertThat(this.interrupted).containsExactly("sleeper");
		assertThat(laterStarted.get()).as("what the later nested task saw when it started").isNull();
		Subtask<?> nested = ((ParallelTaskException) outcome.exception()).getResult().subtask(0);
		assertThat(nested.state()).isEqualTo(State.CANCELLED);
		assertThat(nested.exception()).isInstanceOf(ParallelInterruptedException.class);
		assertThat(((ParallelTaskException) nested.exception()).getResult().subtasks()).extracting(Subtask::state)
			.containsExactly(State.CANCELLED, State.CANCELLED);
		TestPools.awaitIdle(pool);
	}

	/**
	 * Return a task that goes on after each interrupt until the test releases it, and
	 * then returns, or throws the given exception.
	 */
	private Callable<String> stubborn(CountDownLatch started, AtomicInteger interrupts, RuntimeException thenThrow) {
		return () -> {
			started.countDown();
			for (;;) {
				try {
					await(this.release);
					break;
				}
				catch (InterruptedException ex) {
					interrupts.incrementAndGet();
				}
			}
			if (thenThrow != null) {
				throw thenThrow;
			}
			return "released";
		};
	}

	/**
	 * Check that the pool runs a new batch on every one of its threads at once, none of
	 * which is interrupted or sees a cancelled batch.
	 */
	private static void assertPoolUsableAndUninterrupted(ParallelTaskTemplate template, ThreadPoolExecutor pool,
			int threads) throws Exception {
		TestPools.awaitIdle(pool);
		CountDownLatch together = new CountDownLatch(threads);
		List<Callable<Probe>> probes = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			probes.add(() -> {
				Probe probe = Probe.ofCurrentThread();
				together.countDown();
				await(together);
				return probe;
			});
		}
		ParallelResult<Probe> result = template.invokeAll(probes, TestTasks.WAIT);
		assertThat(result.values()).hasSize(threads).allSatisfy((probe) -> {
			assertThat(probe.interrupted()).as("interrupt flag of %s", probe.thread()).isFalse();
			assertThat(probe.cancelled()).isFalse();
		});
		assertThat(result.values()).extracting(Probe::thread).doesNotHaveDuplicates();
		TestPools.awaitIdle(pool);
	}

	private static boolean isWaiting(Thread thread) {
		return thread != null && thread.getState() == Thread.State.TIMED_WAITING;
	}

	private static int recurse(int depth) {
		return recurse(depth + 1) + 1;
	}

}
