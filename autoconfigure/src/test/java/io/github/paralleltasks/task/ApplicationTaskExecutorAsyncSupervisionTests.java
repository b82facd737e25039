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
import java.util.function.Supplier;

import io.github.paralleltasks.AsyncCall;
import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.Subtask;
import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.task.AsyncFixtures.AsyncWork;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of {@code @Async} calls supervised on Spring Boot's default
 * {@code applicationTaskExecutor}, a {@link ThreadPoolTaskExecutor}.
 *
 * @author parallel-tasks authors
 */
class ApplicationTaskExecutorAsyncSupervisionTests {

	private final ApplicationContextRunner contextRunner = AsyncFixtures.contextRunner()
		.withPropertyValues("spring.task.execution.pool.core-size=3", "spring.task.execution.thread-name-prefix=app-");

	@Test
	void fatalErrorInterruptsRunningCompletableFutureCallsAndPreventsQueuedOne() {
		this.contextRunner.run((context) -> {
			AsyncScenario scenario = FatalErrorScenarios.completableFutureCalls(context,
					applicationTaskExecutor(context));
			assertThat(scenario.thread("sleeper").getName()).startsWith("app-");
		});
	}

	@Test
	void fatalErrorInterruptsRunningFutureCallsAndPreventsQueuedOne() {
		this.contextRunner.run((context) -> {
			AsyncScenario scenario = FatalErrorScenarios.futureCalls(context, applicationTaskExecutor(context));
			assertThat(scenario.thread("sleeper").getName()).startsWith("app-");
		});
	}

	@Test
	void queuedCallOfSupplierThatFailedAfterMakingItNeverStartsAndDoesNotHoldUpBatch() {
		this.contextRunner.run((context) -> {
			ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
			AsyncWork work = context.getBean(AsyncWork.class);
			SupervisedExecutor executor = applicationTaskExecutor(context);
			AsyncScenario scenario = new AsyncScenario(2, executor);
			List<AsyncCall<String>> calls = List.of(() -> work.sleep(scenario, "sleeper"),
					() -> work.take(scenario, "taker"), () -> work.failFatally(scenario, "failer"), () -> {
						work.record(scenario, "orphan");
						scenario.lastCallSubmitted(null);
						throw new IllegalStateException("Invalid order");
					});
			long start = System.nanoTime();
			assertThatExceptionOfType(FatalTaskException.class).isThrownBy(() -> template.awaitAll(calls))
				.satisfies((ex) -> {
					assertThat(ex.getResult().subtasks().subList(0, 3)).extracting(Subtask::state)
						.containsExactly(State.CANCELLED, State.CANCELLED, State.FATAL);
					// The supplier throws after it let the fatal call go on: its error is
					// its
					// own (FAILED) if it came first, a consequence of the cancel
					// (CANCELLED)
					// otherwise
					assertThat(ex.getResult().subtask(3).state()).isIn(State.FAILED, State.CANCELLED);
				});
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
			assertThat(scenario.lastCallHeldBack()).isTrue();
			executor.awaitIdle(scenario, 4);
			assertThat(scenario.entered()).containsExactlyInAnyOrder("sleeper", "taker", "failer");
			assertThat(scenario.interrupted()).containsExactlyInAnyOrder("sleeper", "taker");
		});
	}

	private static SupervisedExecutor applicationTaskExecutor(ApplicationContext context) {
		return SupervisedExecutor.pool(context.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class));
	}

}
