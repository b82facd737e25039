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
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@code @Async("reportExecutor")} calls supervised on a
 * {@link SimpleAsyncTaskExecutor} on platform threads, with a concurrency limit that
 * holds back the caller of a call beyond it.
 *
 * @author parallel-tasks authors
 */
class SimpleAsyncTaskExecutorAsyncSupervisionTests {

	private final ApplicationContextRunner contextRunner = AsyncFixtures.contextRunner()
		.withUserConfiguration(ReportExecutorConfiguration.class)
		.withPropertyValues(AsyncFixtures.EXECUTOR_PROPERTY + "=reportExecutor");

	@Test
	void fatalErrorInterruptsRunningCompletableFutureCallsAndPreventsHeldBackOne() {
		this.contextRunner.run((context) -> {
			AsyncScenario scenario = FatalErrorScenarios.completableFutureCalls(context, reportExecutor(context));
			assertRanOnOwnPlatformThreads(scenario);
		});
	}

	@Test
	void fatalErrorInterruptsRunningFutureCallsAndPreventsHeldBackOne() {
		this.contextRunner.run((context) -> {
			AsyncScenario scenario = FatalErrorScenarios.futureCalls(context, reportExecutor(context));
			assertRanOnOwnPlatformThreads(scenario);
		});
	}

	private static void assertRanOnOwnPlatformThreads(AsyncScenario scenario) {
		assertThat(scenario.threads().values()).hasSize(3)
			.doesNotHaveDuplicates()
			.allSatisfy((thread) -> assertThat(thread.getName()).startsWith("simple-report-"))
			.noneMatch(Thread::isDaemon);
	}

	private static SupervisedExecutor reportExecutor(ApplicationContext context) {
		return SupervisedExecutor.throttled(context.getBean("reportExecutor", SimpleAsyncTaskExecutor.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class ReportExecutorConfiguration {

		@Bean(defaultCandidate = false)
		SimpleAsyncTaskExecutor reportExecutor() {
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("simple-report-");
			executor.setConcurrencyLimit(3);
			return executor;
		}

	}

}
