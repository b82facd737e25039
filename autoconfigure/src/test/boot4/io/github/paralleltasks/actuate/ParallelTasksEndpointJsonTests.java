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

package io.github.paralleltasks.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.paralleltasks.ParallelResult;
import io.github.paralleltasks.ParallelTask;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.autoconfigure.ParallelTaskAutoConfiguration;
import io.github.paralleltasks.autoconfigure.ParallelTasksEndpointAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.jackson.EndpointJsonMapper;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.json.JsonContent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the JSON of the {@link ParallelTasksEndpoint}, as written by the actuator's
 * own JSON mapper.
 *
 * @author parallel-tasks authors
 */
class ParallelTasksEndpointJsonTests {

	private static final Instant START = Instant.parse("2026-11-28T08:00:00Z");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(JacksonEndpointAutoConfiguration.class, TaskExecutionAutoConfiguration.class,
						ParallelTaskAutoConfiguration.class, ParallelTasksEndpointAutoConfiguration.class))
		.withInitializer((context) -> context.getEnvironment().setConversionService(new ApplicationConversionService()))
		.withPropertyValues("management.endpoint.paralleltasks.access=read-only",
				"management.endpoints.web.exposure.include=paralleltasks")
		.withBean(ParallelTaskTracker.class, () -> new ParallelTaskTracker(Clock.fixed(START, ZoneOffset.UTC)));

	@Test
	void endpointWritesBatchesInFlightAndTotalsAsJson() {
		this.contextRunner.run((context) -> {
			ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class).batch("checkout");
			ParallelTasksEndpoint endpoint = context.getBean(ParallelTasksEndpoint.class);
			template.invokeAll(
					List.of(ParallelTask.named("prices", () -> "12.50"), ParallelTask.named("recommendations", () -> {
						throw new IllegalStateException("recommendations timed out");
					})));
			CountDownLatch release = new CountDownLatch(1);
			ExecutorService caller = Executors.newSingleThreadExecutor();
			String json;
			try {
				Future<ParallelResult<String>> inFlight = caller
					.submit(() -> template.invokeAll(List.of(ParallelTask.named("stock", () -> {
						assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
						return "3";
					}))));
				await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.parallelTasks().totals().running() == 1);
				json = context.getBean(EndpointJsonMapper.class).get().writeValueAsString(endpoint.parallelTasks());
				release.countDown();
				assertThat(inFlight.get(10, TimeUnit.SECONDS).values()).containsExactly("3");
			}
			finally {
				release.countDown();
				caller.shutdownNow();
			}
			assertThat(new JsonContent<>(getClass(), null, json)).isStrictlyEqualToJson("""
					{
						"since": "2026-11-28T08:00:00Z",
						"inFlight": [
							{ "name": "checkout", "started": "2026-11-28T08:00:00Z", "size": 1,
								"running": 1, "done": 0, "failed": 0, "cancelled": 0 }
						],
						"totals": {
							"batches": { "success": 0, "partial": 1, "fatal": 0, "timeout": 0, "cancelled": 0 },
							"tasks": { "success": 1, "failed": 1, "fatal": 0, "cancelled": 0 },
							"cancelled": { "fatal": 0, "timeout": 0, "interrupted": 0, "closed": 0, "shutdown": 0 },
							"running": 1
						}
					}
					""");
		});
	}

}
