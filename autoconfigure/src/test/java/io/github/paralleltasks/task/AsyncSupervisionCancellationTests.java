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

import io.github.paralleltasks.AsyncCall;
import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelInterruptedException;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.ParallelTimeoutException;
import io.github.paralleltasks.Subtask;
import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.TestExceptions.FatalTestException;
import io.github.paralleltasks.task.AsyncFixtures.AsyncWork;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of the other causes that stop supervised {@code @Async} calls: a timeout, an
 * interrupt of the caller, and cooperative cancellation through
 * {@link ParallelTaskTemplate#isCancelled()}, on Spring Boot's default
 * {@code applicationTaskExecutor}.
 *
 * @author parallel-tasks authors
 */
class AsyncSupervisionCancellationTests {

	private static final Duration TIMEOUT = Duration.ofMillis(200);

	private final ApplicationContextRunner contextRunner = AsyncFixtures.contextRunner()
		.withPropertyValues("spring.task.execution.pool.core-size=3");

	@Test
	void timeoutInterruptsRunningCompletableFutureCalls() {
		this.contextRunner.run((context) -> {
			AsyncWork work = context.getBean(AsyncWork.class);
			AsyncScenario scenario = new AsyncScenario(2, null);
			List<AsyncCall<String>> calls = List.of(() -> work.sleep(scenario, "sleeper"),
					() -> AsyncFixtures.onceBlocking(scenario, work.take(scenario, "taker")));
			long start = System.nanoTime();
			assertThatExceptionOfType(ParallelTimeoutException.class)
				.isThrownBy(() -> template(context).awaitAll(calls, TIMEOUT))
				.satisfies((ex) -> {
					assertThat(ex.getTimeout()).isEqualTo(TIMEOUT);
					assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
						.containsExactly(State.CANCELLED, State.CANCELLED);
				});
			assertEndedAfterTimeoutAndInterrupted(start, scenario);
			AsyncFixtures.assertIdleAndNoInterruptCarried(context, scenario, 2);
		});
	}

	@Test
	void timeoutInterruptsRunningFutureCalls() {
		this.contextRunner.run((context) -> {
			AsyncWork work = context.getBean(AsyncWork.class);
			AsyncScenario scenario = new AsyncScenario(2, null);
			long start = System.nanoTime();
			assertThatExceptionOfType(ParallelTimeoutException.class)
				.isThrownBy(() -> template(context).execute(TIMEOUT, (scope) -> {
					scope.forkAsync("sleeper", () -> work.sleepReturningFuture(scenario, "sleeper"));
					scope.forkAsync("taker", () -> work.takeReturningFuture(scenario, "taker"));
					AsyncFixtures.onceBlocking(scenario, null);
					return scope.join();
				}))
				.satisfies((ex) -> assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
					.containsExactly(State.CANCELLED, State.CANCELLED));
			assertEndedAfterTimeoutAndInterrupted(start, scenario);
			AsyncFixtures.assertIdleAndNoInterruptCarried(context, scenario, 2);
		});
	}

	@Test
	void callerInterruptInterruptsRunningAsyncCalls() {
		this.contextRunner.run((context) -> {
			AsyncWork work = context.getBean(AsyncWork.class);
			AsyncScenario scenario = new AsyncScenario(2, null);
			List<AsyncCall<String>> calls = List.of(() -> work.sleep(scenario, "sleeper"),
					() -> work.take(scenario, "taker"));
			Thread caller = Thread.currentThread();
			Thread interrupter = new Thread(() -> {
				try {
					if (scenario.awaitBlocking()) {
						caller.interrupt();
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}, "interrupter");
			interrupter.start();
			long start = System.nanoTime();
			assertThatExceptionOfType(ParallelInterruptedException.class)
				.isThrownBy(() -> template(context).awaitAll(calls))
				.satisfies((ex) -> assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
					.containsExactly(State.CANCELLED, State.CANCELLED));
			assertThat(Thread.interrupted()).as("caller's interrupt status restored").isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FatalErrorScenarios.BATCH_DURATION);
			interrupter.join();
			// The batch waited for the calls' threads to end: no waiting needed here
			assertThat(scenario.interrupted()).containsExactlyInAnyOrder("sleeper", "taker");
			assertThat(scenario.finished()).isEmpty();
			AsyncFixtures.assertIdleAndNoInterruptCarried(context, scenario, 2);
		});
	}

	@Test
	void cpuBoundAsyncCallThatPollsIsCancelledStopsAfterSiblingFatalError() {
		this.contextRunner.run((context) -> {
			AsyncWork work = context.getBean(AsyncWork.class);
			AsyncScenario scenario = new AsyncScenario(1, null);
			List<AsyncCall<String>> calls = List.of(() -> work.spinUntilCancelled(scenario, "spinner"),
					() -> work.failFatally(scenario, "failer"));
			long start = System.nanoTime();
			assertThatExceptionOfType(FatalTaskException.class).isThrownBy(() -> template(context).awaitAll(calls))
				.satisfies((ex) -> {
					assertThat(ex.getCause()).isInstanceOf(FatalTestException.class);
					assertThat(ex.taskName()).isEqualTo("task-1");
					// The spinner sees the cancel as soon as the batch is marked, and may
					// return its value before the canceller reaches it
					assertThat(ex.getResult().subtask(0).state()).isIn(State.CANCELLED, State.SUCCESS);
					assertThat(ex.getResult().subtask(1).state()).isEqualTo(State.FATAL);
				});
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FatalErrorScenarios.BATCH_DURATION);
			assertThat(scenario.cancelledAtStart()).isFalse();
			assertThat(scenario.cancelSeenLatency("spinner")).isLessThan(FatalErrorScenarios.INTERRUPT_LATENCY);
			assertThat(scenario.finished()).isEmpty();
			// It never blocked, so the interrupt aimed at it went unseen: its thread must
			// not carry it
			assertThat(scenario.interrupted()).isEmpty();
			AsyncFixtures.assertIdleAndNoInterruptCarried(context, scenario, 2);
		});
	}

	private static void assertEndedAfterTimeoutAndInterrupted(long start, AsyncScenario scenario) {
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(elapsed).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(FatalErrorScenarios.BATCH_DURATION);
		// The batch waited for the calls' threads to end: no waiting needed here
		assertThat(scenario.entered()).containsExactlyInAnyOrder("sleeper", "taker");
		assertThat(scenario.interrupted()).containsExactlyInAnyOrder("sleeper", "taker");
		assertThat(scenario.finished()).isEmpty();
	}

	private static ParallelTaskTemplate template(ApplicationContext context) {
		return context.getBean(ParallelTaskTemplate.class);
	}

}
