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

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.paralleltasks.CallerThread.Outcome;
import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.TestExceptions.FatalTestException;
import io.github.paralleltasks.metrics.BatchOutcome;
import io.github.paralleltasks.metrics.CancelReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.paralleltasks.TestTasks.await;
import static io.github.paralleltasks.TestTasks.sleeper;
import static io.github.paralleltasks.TestTasks.taker;
import static io.github.paralleltasks.TestTasks.throwingAfter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests of how {@link ParallelTaskTemplate} handles the interrupt of the thread that
 * waits for a batch.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskTemplateCallerInterruptTests {

	private final TestPools pools = new TestPools();

	private final RecordingParallelTaskMetrics metrics = new RecordingParallelTaskMetrics();

	private final Collection<String> interrupted = new ConcurrentLinkedQueue<>();

	@AfterEach
	void shutdownPools() throws InterruptedException {
		this.pools.close();
	}

	@Test
	void interruptingTheCallerCancelsEveryTaskAndKeepsItsInterruptFlag() throws Exception {
		ThreadPoolExecutor pool = this.pools.fixed(3);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).metrics(this.metrics).build();
		CountDownLatch started = new CountDownLatch(3);
		List<Callable<String>> tasks = List.of(sleeper("a", started, this.interrupted),
				sleeper("b", started, this.interrupted), taker("c", started, this.interrupted));
		CallerThread caller = CallerThread.start(() -> template.invokeAll(tasks));
		await(started);
		caller.interrupt();
		Outcome outcome = caller.outcome();
		assertThat(outcome.exception()).isInstanceOf(ParallelInterruptedException.class)
			.hasCauseInstanceOf(InterruptedException.class);
		assertThat(outcome.interrupted()).as("caller's interrupt flag").isTrue();
		ParallelResult<?> result = ((ParallelInterruptedException) outcome.exception()).getResult();
		assertThat(result.subtasks()).extracting(Subtask::state).containsOnly(State.CANCELLED).hasSize(3);
		assertThat(this.interrupted).containsExactlyInAnyOrder("a", "b", "c");
		assertThat(this.metrics.cancelled(CancelReason.INTERRUPTED)).isEqualTo(3);
		assertThat(this.metrics.batches(BatchOutcome.CANCELLED)).isEqualTo(1);
		TestPools.awaitIdle(pool);
	}

	@Test
	void callerInterruptedBeforeTheCallRunsNoTask() throws Exception {
		ThreadPoolExecutor pool = this.pools.fixed(2);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).build();
		AtomicInteger starts = new AtomicInteger();
		List<Callable<Integer>> tasks = List.of(starts::incrementAndGet, starts::incrementAndGet);
		CallerThread caller = CallerThread.start(() -> {
			Thread.currentThread().interrupt();
			return template.invokeAll(tasks);
		});
		Outcome outcome = caller.outcome();
		assertThat(outcome.exception()).isInstanceOf(ParallelInterruptedException.class);
		assertThat(outcome.interrupted()).as("caller's interrupt flag").isTrue();
		assertThat(((ParallelInterruptedException) outcome.exception()).getResult().size()).isZero();
		assertThat(starts).hasValue(0);
		assertThat(pool.getTaskCount()).isZero();
	}

	@Test
	void callerInterruptedBeforeAnAwaitAllStartsNoCall() throws Exception {
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(this.pools.fixed(1)).build();
		AtomicInteger calls = new AtomicInteger();
		CallerThread caller = CallerThread.start(() -> {
			Thread.currentThread().interrupt();
			return template.awaitAll(List.of(() -> CompletableFuture.completedFuture(calls.incrementAndGet())));
		});
		Outcome outcome = caller.outcome();
		assertThat(outcome.exception()).isInstanceOf(ParallelInterruptedException.class);
		assertThat(outcome.interrupted()).isTrue();
		assertThat(calls).hasValue(0);
	}

	@Test
	void callerInterruptFlagIsNotSetAfterAFatalError() {
		ThreadPoolExecutor pool = this.pools.fixed(2);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).build();
		CountDownLatch started = new CountDownLatch(1);
		List<Callable<String>> tasks = List.of(sleeper("sleeper", started, this.interrupted),
				throwingAfter(started, new FatalTestException("boom")));
		catchThrowableOfType(FatalTaskException.class, () -> template.invokeAll(tasks));
		assertThat(Thread.interrupted()).as("caller's interrupt flag").isFalse();
		assertThat(this.interrupted).containsExactly("sleeper");
	}

	@Test
	void callerInterruptedWhileAFatalBatchWaitsForItsSiblingsGetsTheFatalErrorAndItsFlag() throws Exception {
		ThreadPoolExecutor pool = this.pools.fixed(2);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).build();
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch callerInterrupted = new CountDownLatch(1);
		CountDownLatch sawInterrupt = new CountDownLatch(1);
		// Ends only once the caller was interrupted, while the batch waits for it
		Callable<String> slowToStop = () -> {
			started.countDown();
			try {
				Thread.sleep(TestTasks.LONG_WORK.toMillis());
				return "slept";
			}
			catch (InterruptedException ex) {
				sawInterrupt.countDown();
				await(callerInterrupted);
				throw ex;
			}
		};
		List<Callable<String>> tasks = List.of(slowToStop, throwingAfter(started, new FatalTestException("boom")));
		CallerThread caller = CallerThread.start(() -> template.invokeAll(tasks));
		await(sawInterrupt);
		caller.interrupt();
		callerInterrupted.countDown();
		Outcome outcome = caller.outcome();
		assertThat(outcome.exception()).isInstanceOf(FatalTaskException.class);
		assertThat(outcome.interrupted()).as("caller's interrupt flag").isTrue();
		assertThat(((FatalTaskException) outcome.exception()).getResult().subtask(0).state())
			.isEqualTo(State.CANCELLED);
		TestPools.awaitIdle(pool);
	}

}
