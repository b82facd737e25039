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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.paralleltasks.CallerThread.Outcome;
import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.TestExceptions.FatalTestException;
import io.github.paralleltasks.TestTasks.Probe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.github.paralleltasks.TestTasks.since;
import static io.github.paralleltasks.TestTasks.throwingAfter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests of the cancel grace period of {@link ParallelTaskTemplate}: how long a cancelled
 * batch waits for a task that does not stop.
 *
 * @author parallel-tasks authors
 */
@ExtendWith(OutputCaptureExtension.class)
class ParallelTaskTemplateCancelGracePeriodTests {

	private static final Duration GRACE_PERIOD = Duration.ofMillis(200);

	private final TestPools pools = new TestPools();

	private final CountDownLatch started = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	private final AtomicInteger interrupts = new AtomicInteger();

	@AfterEach
	void shutdownPools() throws InterruptedException {
		this.release.countDown();
		this.pools.close();
	}

	@Test
	void taskThatIgnoresInterruptsIsReportedUnavailableAndLoggedAfterTheGracePeriod(CapturedOutput output) {
		ThreadPoolExecutor pool = this.pools.fixed(2);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).cancelGracePeriod(GRACE_PERIOD).build();
		List<Callable<String>> tasks = List.of(stubborn(), throwingAfter(this.started, new FatalTestException("boom")));
		long start = System.nanoTime();
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> template.invokeAll(tasks));
		assertThat(since(start)).isGreaterThanOrEqualTo(GRACE_PERIOD).isLessThan(TestTasks.FAST);
		Subtask<?> stubborn = ex.getResult().subtask(0);
		assertThat(stubborn.state()).isEqualTo(State.UNAVAILABLE);
		assertThat(ex.getResult().subtask(1).state()).isEqualTo(State.FATAL);
		assertThat(output.getAll().lines().filter((line) -> line.contains("Task 'task-0' was still running")))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains("WARN")
				.contains(GRACE_PERIOD + " after it was cancelled; the batch no longer waits for it"));
		TestTasks.eventually().untilAsserted(() -> assertThat(this.interrupts).hasValue(1));
		this.release.countDown();
		TestPools.awaitIdle(pool);
		assertThat(stubborn.state()).as("state once the abandoned task ended").isEqualTo(State.UNAVAILABLE);
		assertThatIllegalStateException().isThrownBy(stubborn::get);
	}

	@Test
	void timedOutBatchWaitsNoLongerThanTheGracePeriodForATaskThatIgnoresInterrupts() {
		ThreadPoolExecutor pool = this.pools.fixed(2);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).cancelGracePeriod(GRACE_PERIOD).build();
		List<Callable<String>> tasks = List.of(stubborn(), () -> "fast");
		Duration timeout = TestTasks.SHORT_TIMEOUT;
		long start = System.nanoTime();
		ParallelTimeoutException ex = catchThrowableOfType(ParallelTimeoutException.class,
				() -> template.invokeAll(tasks, timeout));
		assertThat(since(start)).isGreaterThanOrEqualTo(timeout.plus(GRACE_PERIOD)).isLessThan(TestTasks.FAST);
		assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
			.containsExactly(State.UNAVAILABLE, State.SUCCESS);
		TestTasks.eventually().untilAsserted(() -> assertThat(this.interrupts).hasValue(1));
		this.release.countDown();
		TestPools.awaitIdle(pool);
	}

	@Test
	void abandonedTaskThatEndsLaterDoesNotLeaveItsInterruptOnThePooledThread() throws Exception {
		ForkJoinPool pool = this.pools.forkJoin(1);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).cancelGracePeriod(Duration.ZERO).build();
		CompletableFuture<Thread> taskThread = new CompletableFuture<>();
		CompletableFuture<Probe> nextTask = new CompletableFuture<>();
		Callable<String> stubborn = stubborn(true);
		Callable<String> task = () -> {
			// Queued on the only thread of the pool, to run right after this task
			pool.execute(() -> nextTask.complete(Probe.ofCurrentThread()));
			taskThread.complete(Thread.currentThread());
			return stubborn.call();
		};
		CallerThread caller = CallerThread.start(() -> template.invokeAll(List.of(task)));
		TestTasks.await(this.started);
		caller.interrupt();
		Outcome outcome = caller.outcome();
		assertThat(outcome.exception()).isInstanceOf(ParallelInterruptedException.class);
		assertThat(((ParallelInterruptedException) outcome.exception()).getResult().subtask(0).state())
			.isEqualTo(State.UNAVAILABLE);
		this.release.countDown();
		Probe probe = nextTask.get(TestTasks.WAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(probe.thread()).isSameAs(taskThread.get());
		assertThat(probe.interrupted()).as("interrupt flag seen by the next task").isFalse();
		assertThat(this.interrupts).hasValue(1);
	}

	@Test
	void negativeGracePeriodIsRejected() {
		ParallelTaskTemplate.Builder builder = ParallelTaskTemplate.builder(this.pools.fixed(1));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.cancelGracePeriod(Duration.ofMillis(-1)));
		assertThat(builder.build().getCancelGracePeriod()).isEqualTo(Duration.ofSeconds(5));
	}

	private Callable<String> stubborn() {
		return stubborn(false);
	}

	/**
	 * Return a task that goes on after each interrupt until the test releases it, and
	 * then, if asked to, sets its interrupt flag again before it returns.
	 */
	private Callable<String> stubborn(boolean restoreInterruptFlag) {
		return () -> {
			this.started.countDown();
			boolean interrupted = false;
			for (;;) {
				try {
					TestTasks.await(this.release);
					break;
				}
				catch (InterruptedException ex) {
					interrupted = true;
					this.interrupts.incrementAndGet();
				}
			}
			if (interrupted && restoreInterruptFlag) {
				Thread.currentThread().interrupt();
			}
			return "released";
		};
	}

}
