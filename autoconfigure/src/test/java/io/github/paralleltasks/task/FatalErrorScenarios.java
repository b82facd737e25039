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

package io.github.paralleltasks.task;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.paralleltasks.AsyncCall;
import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.Subtask;
import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.TestExceptions.FatalTestException;
import io.github.paralleltasks.TestTasks.Probe;
import io.github.paralleltasks.task.AsyncFixtures.AsyncWork;

import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The scenario that every kind of executor must pass: of four {@code @Async} calls, one
 * sleeps, one waits on a queue, one throws a fatal error once they block, and the last
 * one waits for a thread of the executor. The sleeping and the waiting calls must be
 * interrupted at once, the last call must never start, the batch must end at once, and
 * the executor must be left idle, with no interrupt status carried to its next calls.
 *
 * @author parallel-tasks authors
 */
final class FatalErrorScenarios {

	/**
	 * How late the interrupt of a blocked call may be seen by it after the fatal error
	 * was thrown. Issue 3 asks for 50 ms, and the usual latency is below 2 ms, but on the
	 * shared 2-core build machine (load average 10 to 14) the test JVM's young
	 * collections last 40 to 190 ms, and a collection or a descheduling between the throw
	 * and the call's catch block delays it by as much: 50 ms failed about one run in two
	 * there. 500 ms still tells an interrupt from anything slower, such as the 5 s cancel
	 * grace period.
	 */
	static final Duration INTERRUPT_LATENCY = Duration.ofMillis(500);

	/**
	 * How long a batch stopped by a fatal error may last, while its blocked calls would
	 * last {@link AsyncFixtures#BLOCKING_WORK}.
	 */
	static final Duration BATCH_DURATION = Duration.ofSeconds(5);

	private FatalErrorScenarios() {
	}

	/**
	 * Run the scenario with {@code @Async} methods that return a
	 * {@code CompletableFuture}, through {@code awaitAll}.
	 */
	static AsyncScenario completableFutureCalls(ApplicationContext context, SupervisedExecutor executor)
			throws Exception {
		ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
		AsyncWork work = context.getBean(AsyncWork.class);
		AsyncScenario scenario = new AsyncScenario(2, executor);
		List<AsyncCall<String>> calls = List.of(() -> work.sleep(scenario, "sleeper"),
				() -> work.take(scenario, "taker"), () -> work.failFatally(scenario, "failer"),
				() -> scenario.lastCallSubmitted(work.record(scenario, "queued")));
		long start = System.nanoTime();
		assertThatExceptionOfType(FatalTaskException.class).isThrownBy(() -> template.awaitAll(calls))
			.satisfies((ex) -> assertEveryCallStopped(ex, start, scenario, "task-2"));
		assertIdleAndQueuedCallNeverStarted(work, executor, scenario);
		return scenario;
	}

	/**
	 * Run the scenario with {@code @Async} methods that return a plain {@code Future},
	 * through {@code scope.forkAsync}.
	 */
	static AsyncScenario futureCalls(ApplicationContext context, SupervisedExecutor executor) throws Exception {
		ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
		AsyncWork work = context.getBean(AsyncWork.class);
		AsyncScenario scenario = new AsyncScenario(2, executor);
		long start = System.nanoTime();
		assertThatExceptionOfType(FatalTaskException.class).isThrownBy(() -> template.execute((scope) -> {
			scope.forkAsync("sleeper", () -> work.sleepReturningFuture(scenario, "sleeper"));
			scope.forkAsync("taker", () -> work.takeReturningFuture(scenario, "taker"));
			scope.forkAsync("failer", () -> work.failFatallyReturningFuture(scenario, "failer"));
			scope.forkAsync("queued", () -> work.recordReturningFuture(scenario, "queued"));
			scenario.lastCallSubmitted(null);
			return scope.join();
		})).satisfies((ex) -> assertEveryCallStopped(ex, start, scenario, "failer"));
		assertIdleAndQueuedCallNeverStarted(work, executor, scenario);
		return scenario;
	}

	private static void assertEveryCallStopped(FatalTaskException ex, long start, AsyncScenario scenario,
			String failer) {
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(elapsed).isLessThan(BATCH_DURATION);
		assertThat(ex.taskName()).isEqualTo(failer);
		assertThat(ex.getCause()).isInstanceOf(FatalTestException.class);
		assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
			.containsExactly(State.CANCELLED, State.CANCELLED, State.FATAL, State.CANCELLED);
		assertThat(scenario.lastCallHeldBack()).as("last call waited for a thread when the fatal error was thrown")
			.isTrue();
		assertThat(scenario.entered()).containsExactlyInAnyOrder("sleeper", "taker", "failer");
		assertThat(scenario.interrupted()).containsExactlyInAnyOrder("sleeper", "taker");
		assertThat(scenario.finished()).isEmpty();
		assertThat(scenario.interruptLatency("sleeper")).isLessThan(INTERRUPT_LATENCY);
		assertThat(scenario.interruptLatency("taker")).isLessThan(INTERRUPT_LATENCY);
	}

	private static void assertIdleAndQueuedCallNeverStarted(AsyncWork work, SupervisedExecutor executor,
			AsyncScenario scenario) throws Exception {
		executor.awaitIdle(scenario, 4);
		assertThat(scenario.entered()).doesNotContain("queued");
		List<Probe> probes = assertNoThreadBusyAndNoInterruptCarried(work, executor);
		if (executor.reusesThreads()) {
			assertThat(probes).extracting(Probe::thread).contains(scenario.thread("sleeper"), scenario.thread("taker"));
		}
		assertThat(scenario.entered()).doesNotContain("queued");
		assertThat(scenario.finished()).isEmpty();
	}

	/**
	 * Run as many calls as the executor runs at once, outside any batch: they can all run
	 * together only if no thread is busy, and none must see an interrupt status or a
	 * cancelled batch.
	 * @return what the calls saw
	 */
	static List<Probe> assertNoThreadBusyAndNoInterruptCarried(AsyncWork work, SupervisedExecutor executor)
			throws Exception {
		int capacity = executor.capacity();
		CountDownLatch allRunning = new CountDownLatch(capacity);
		List<CompletableFuture<Probe>> calls = IntStream.range(0, capacity)
			.mapToObj((i) -> work.probe(allRunning))
			.toList();
		List<Probe> probes = calls.stream().map(FatalErrorScenarios::get).toList();
		assertThat(probes).allSatisfy((probe) -> {
			assertThat(probe.interrupted()).as("thread %s interrupted", probe.thread()).isFalse();
			assertThat(probe.cancelled()).isFalse();
		});
		assertThat(probes).extracting(Probe::thread).doesNotHaveDuplicates();
		return probes;
	}

	private static <T> T get(CompletableFuture<T> future) {
		try {
			return future.get(AsyncFixtures.WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Probe failed", ex);
		}
	}

}
