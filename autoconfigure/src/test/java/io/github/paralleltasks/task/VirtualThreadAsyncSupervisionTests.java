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

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@code @Async} calls supervised on Spring Boot's
 * {@code applicationTaskExecutor} on virtual threads, with a concurrency limit that holds
 * back the caller of a call beyond it.
 *
 * @author parallel-tasks authors
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadAsyncSupervisionTests {

	private final ApplicationContextRunner contextRunner = AsyncFixtures.contextRunner()
		.withPropertyValues("spring.threads.virtual.enabled=true", "spring.task.execution.simple.concurrency-limit=3");

	@Test
	void fatalErrorInterruptsRunningCompletableFutureCallsAndPreventsHeldBackOne() {
		this.contextRunner.run((context) -> {
			AsyncScenario scenario = FatalErrorScenarios.completableFutureCalls(context,
					applicationTaskExecutor(context));
			assertRanOnVirtualThreads(scenario);
		});
	}

	@Test
	void fatalErrorInterruptsRunningFutureCallsAndPreventsHeldBackOne() {
		this.contextRunner.run((context) -> {
			AsyncScenario scenario = FatalErrorScenarios.futureCalls(context, applicationTaskExecutor(context));
			assertRanOnVirtualThreads(scenario);
		});
	}

	private static void assertRanOnVirtualThreads(AsyncScenario scenario) throws Exception {
		Method isVirtual = Thread.class.getMethod("isVirtual");
		assertThat(scenario.threads().values()).hasSize(3).doesNotHaveDuplicates().allSatisfy((thread) -> {
			assertThat(isVirtual.invoke(thread)).isEqualTo(true);
		});
	}

	private static SupervisedExecutor applicationTaskExecutor(ApplicationContext context) {
		return SupervisedExecutor.throttled(context.getBean("applicationTaskExecutor", SimpleAsyncTaskExecutor.class));
	}

}
