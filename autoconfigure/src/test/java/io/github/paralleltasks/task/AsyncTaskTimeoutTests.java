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

import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelCall;
import io.github.paralleltasks.ParallelResult;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.Subtask;
import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.TaskTimeoutException;
import io.github.paralleltasks.task.AsyncFixtures.AsyncWork;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of the timeouts of single {@code @Async} calls
 * ({@link ParallelCall#withTimeout(Duration)}) on Spring Boot's default
 * {@code applicationTaskExecutor}: the call's worker is interrupted for real, and the
 * call fails with a {@link TaskTimeoutException} while its siblings go on, or, for a
 * critical call, cancels them.
 *
 * @author parallel-tasks authors
 */
class AsyncTaskTimeoutTests {

	private static final Duration CALL_TIMEOUT = Duration.ofMillis(200);

	private final ApplicationContextRunner contextRunner = AsyncFixtures.contextRunner()
		.withPropertyValues("spring.task.execution.pool.core-size=3");

	@Test
	void optionalCallWhoseTimeoutPassesIsInterruptedAndTheOthersGoOn() {
		this.contextRunner.run((context) -> {
			AsyncWork work = context.getBean(AsyncWork.class);
			AsyncScenario scenario = new AsyncScenario(1, null);
			ParallelResult<String> result = template(context)
				.awaitAll(List.of(
						ParallelCall
							.optional("reviews",
									() -> AsyncFixtures.onceBlocking(scenario, work.take(scenario, "reviews")))
							.withTimeout(CALL_TIMEOUT),
						ParallelCall.critical("catalog", () -> work.record(scenario, "catalog"))));
			assertThat(result.subtasks()).extracting(Subtask::state).containsExactly(State.FAILED, State.SUCCESS);
			assertThat(result.values()).containsExactly("catalog");
			assertThat(result.subtask(0).exception()).isInstanceOf(TaskTimeoutException.class)
				.hasMessage("Task 'reviews' did not end within PT0.2S");
			// The batch waited for the call's worker to end: no waiting needed here
			assertThat(scenario.interrupted()).containsExactly("reviews");
			assertThat(scenario.finished()).isEmpty();
			AsyncFixtures.assertIdleAndNoInterruptCarried(context, scenario, 2);
		});
	}

	@Test
	void criticalCallWhoseTimeoutPassesIsFatalAndItsSiblingIsInterrupted() {
		this.contextRunner.run((context) -> {
			AsyncWork work = context.getBean(AsyncWork.class);
			AsyncScenario scenario = new AsyncScenario(2, null);
			assertThatExceptionOfType(FatalTaskException.class).isThrownBy(() -> template(context).execute((scope) -> {
				scope.forkAsync(ParallelCall.named("reviews", () -> work.sleep(scenario, "reviews")));
				scope.forkAsync(
						ParallelCall
							.critical("prices",
									() -> AsyncFixtures.onceBlocking(scenario,
											work.takeReturningFuture(scenario, "prices")))
							.withTimeout(CALL_TIMEOUT));
				return scope.join();
			})).satisfies((ex) -> {
				assertThat(ex.taskName()).isEqualTo("prices");
				assertThat(ex.getCause()).isInstanceOf(TaskTimeoutException.class);
				assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
					.containsExactly(State.CANCELLED, State.FATAL);
			});
			assertThat(scenario.interrupted()).containsExactlyInAnyOrder("reviews", "prices");
			assertThat(scenario.finished()).isEmpty();
			AsyncFixtures.assertIdleAndNoInterruptCarried(context, scenario, 2);
		});
	}

	private static ParallelTaskTemplate template(ApplicationContext context) {
		return context.getBean(ParallelTaskTemplate.class);
	}

}
