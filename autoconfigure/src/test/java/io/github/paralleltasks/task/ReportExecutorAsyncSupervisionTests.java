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

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@code @Async("reportExecutor")} calls supervised on a
 * {@link ThreadPoolTaskExecutor} that the application defines itself, with or without a
 * task decorator of its own.
 *
 * @author parallel-tasks authors
 */
class ReportExecutorAsyncSupervisionTests {

	private final ApplicationContextRunner contextRunner = AsyncFixtures.contextRunner()
		.withUserConfiguration(ReportExecutorsConfiguration.class);

	@Test
	void fatalErrorInterruptsRunningCompletableFutureCallsAndPreventsQueuedOne() {
		this.contextRunner.withPropertyValues(AsyncFixtures.EXECUTOR_PROPERTY + "=reportExecutor").run((context) -> {
			AsyncScenario scenario = FatalErrorScenarios.completableFutureCalls(context,
					executor(context, "reportExecutor"));
			assertThat(scenario.thread("sleeper").getName()).startsWith("report-");
		});
	}

	@Test
	void fatalErrorInterruptsRunningFutureCallsAndPreventsQueuedOne() {
		this.contextRunner.withPropertyValues(AsyncFixtures.EXECUTOR_PROPERTY + "=reportExecutor").run((context) -> {
			AsyncScenario scenario = FatalErrorScenarios.futureCalls(context, executor(context, "reportExecutor"));
			assertThat(scenario.thread("sleeper").getName()).startsWith("report-");
		});
	}

	@Test
	void userDecoratorStillAppliesWhenFatalErrorInterruptsCompletableFutureCalls() {
		this.contextRunner.withPropertyValues(AsyncFixtures.EXECUTOR_PROPERTY + "=decoratedReportExecutor")
			.run((context) -> {
				RequestContextTaskDecorator decorator = context.getBean(ReportExecutorsConfiguration.class).decorator;
				AsyncScenario scenario = inRequestContext(
						() -> FatalErrorScenarios.completableFutureCalls(context, decoratedExecutor(context)));
				assertUserDecoratorApplied(decorator, scenario);
			});
	}

	@Test
	void userDecoratorStillAppliesWhenFatalErrorInterruptsFutureCalls() {
		this.contextRunner.withPropertyValues(AsyncFixtures.EXECUTOR_PROPERTY + "=decoratedReportExecutor")
			.run((context) -> {
				RequestContextTaskDecorator decorator = context.getBean(ReportExecutorsConfiguration.class).decorator;
				AsyncScenario scenario = inRequestContext(
						() -> FatalErrorScenarios.futureCalls(context, decoratedExecutor(context)));
				assertUserDecoratorApplied(decorator, scenario);
			});
	}

	private static void assertUserDecoratorApplied(RequestContextTaskDecorator decorator, AsyncScenario scenario) {
		assertThat(scenario.thread("sleeper").getName()).startsWith("decorated-report-");
		// The user's decorator carried the caller's context to every call that ran...
		assertThat(scenario.requestContext("sleeper")).isEqualTo("order-42");
		assertThat(scenario.requestContext("taker")).isEqualTo("order-42");
		assertThat(scenario.requestContext("failer")).isEqualTo("order-42");
		// ...and did not even set up the queued call, which never started; the probes
		// that followed the batch ran as usual
		int probes = 3;
		assertThat(decorator.decorated()).isEqualTo(4 + probes);
		assertThat(decorator.ran()).isEqualTo(3 + probes);
	}

	private static AsyncScenario inRequestContext(ScenarioRun run) throws Exception {
		RequestContextTaskDecorator.CONTEXT.set("order-42");
		try {
			return run.run();
		}
		finally {
			RequestContextTaskDecorator.CONTEXT.remove();
		}
	}

	private static SupervisedExecutor executor(ApplicationContext context, String name) {
		return SupervisedExecutor.pool(context.getBean(name, ThreadPoolTaskExecutor.class));
	}

	private static SupervisedExecutor decoratedExecutor(ApplicationContext context) {
		return executor(context, "decoratedReportExecutor");
	}

	@FunctionalInterface
	interface ScenarioRun {

		AsyncScenario run() throws Exception;

	}

	@Configuration(proxyBeanMethods = false)
	static class ReportExecutorsConfiguration {

		final RequestContextTaskDecorator decorator = new RequestContextTaskDecorator();

		@Bean(defaultCandidate = false)
		ThreadPoolTaskExecutor reportExecutor() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setCorePoolSize(3);
			executor.setThreadNamePrefix("report-");
			return executor;
		}

		@Bean(defaultCandidate = false)
		ThreadPoolTaskExecutor decoratedReportExecutor() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setCorePoolSize(3);
			executor.setThreadNamePrefix("decorated-report-");
			executor.setTaskDecorator(this.decorator);
			return executor;
		}

	}

}
