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

package io.github.paralleltasks.autoconfigure;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.github.paralleltasks.ParallelResult;
import io.github.paralleltasks.ParallelTask;
import io.github.paralleltasks.metrics.ParallelTaskMetrics;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.actuate.ParallelTaskTracker;
import io.github.paralleltasks.actuate.ParallelTasksDescriptor;
import io.github.paralleltasks.actuate.ParallelTasksEndpoint;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ParallelTasksEndpointAutoConfiguration}.
 *
 * @author parallel-tasks authors
 */
class ParallelTasksEndpointAutoConfigurationTests {

	private static final String ACCESSIBLE = "management.endpoint.paralleltasks.access=read-only";

	private static final String EXPOSED = "management.endpoints.web.exposure.include=paralleltasks";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TaskExecutionAutoConfiguration.class, ParallelTaskMetricsAutoConfiguration.class,
						ParallelTaskAutoConfiguration.class, ParallelTasksEndpointAutoConfiguration.class))
		// As SpringApplication does, so that "read-only" binds to Access.READ_ONLY
		.withInitializer(
				(context) -> context.getEnvironment().setConversionService(new ApplicationConversionService()));

	@Test
	void endpointIsOffByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(ParallelTasksEndpoint.class).doesNotHaveBean(ParallelTaskTracker.class);
			assertThat(context.getBean(ParallelTaskTemplate.class).getMetrics()).isSameAs(ParallelTaskMetrics.NONE);
		});
	}

	@Test
	void endpointIsOffWhenExposedButNotAccessible() {
		this.contextRunner.withPropertyValues(EXPOSED)
			.run((context) -> assertThat(context).doesNotHaveBean(ParallelTasksEndpoint.class)
				.doesNotHaveBean(ParallelTaskTracker.class));
	}

	@Test
	void endpointIsOffWhenAccessibleButNotExposed() {
		this.contextRunner.withPropertyValues(ACCESSIBLE)
			.run((context) -> assertThat(context).doesNotHaveBean(ParallelTasksEndpoint.class)
				.doesNotHaveBean(ParallelTaskTracker.class));
	}

	@Test
	void endpointTracksTheTemplateWhenAccessibleAndExposedOnTheWeb() {
		this.contextRunner.withPropertyValues(ACCESSIBLE, EXPOSED).run((context) -> {
			assertThat(context).hasSingleBean(ParallelTasksEndpoint.class).hasSingleBean(ParallelTaskTracker.class);
			ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
			assertThat(template.getMetrics()).isSameAs(context.getBean(ParallelTaskTracker.class));
			assertPartialBatchIsCounted(context);
		});
	}

	@Test
	void endpointIsOnWhenExposedOverJmx() {
		this.contextRunner
			.withPropertyValues(ACCESSIBLE, "spring.jmx.enabled=true",
					"management.endpoints.jmx.exposure.include=paralleltasks")
			.run((context) -> assertThat(context).hasSingleBean(ParallelTasksEndpoint.class));
	}

	@Test
	void endpointFollowsTheDefaultAccessOfAllEndpoints() {
		this.contextRunner.withPropertyValues("management.endpoints.access.default=read-only", EXPOSED)
			.run((context) -> assertThat(context).hasSingleBean(ParallelTasksEndpoint.class));
	}

	@Test
	void endpointIsOffWithoutActuatorOnTheClassPath() {
		this.contextRunner.withPropertyValues(ACCESSIBLE, EXPOSED)
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ParallelTaskTracker.class);
				ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
				assertThat(template.invokeAll(List.of(() -> "still works")).values()).containsExactly("still works");
			});
	}

	@Test
	void endpointIsOffWhenParallelTasksAreDisabled() {
		this.contextRunner.withPropertyValues(ACCESSIBLE, EXPOSED, "parallel-tasks.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ParallelTasksEndpoint.class)
				.doesNotHaveBean(ParallelTaskTracker.class)
				.doesNotHaveBean(ParallelTaskTemplate.class));
	}

	@Test
	void trackerAndMicrometerMetricsBothReceiveTheBatches() {
		this.contextRunner.withPropertyValues(ACCESSIBLE, EXPOSED)
			.withBean(SimpleMeterRegistry.class)
			.run((context) -> {
				assertPartialBatchIsCounted(context);
				assertThat(context.getBean(MeterRegistry.class)
					.get("parallel.tasks.batch")
					.tags("batch", "checkout", "outcome", "partial")
					.timer()
					.count()).isEqualTo(1);
			});
	}

	@Test
	void trackerIsKeptWhenMetricsAreDisabled() {
		this.contextRunner.withPropertyValues(ACCESSIBLE, EXPOSED, "parallel-tasks.metrics.enabled=false")
			.withBean(SimpleMeterRegistry.class)
			.run((context) -> {
				assertThat(context.getBean(ParallelTaskTemplate.class).getMetrics())
					.isSameAs(context.getBean(ParallelTaskTracker.class));
				assertPartialBatchIsCounted(context);
				assertThat(context.getBean(MeterRegistry.class).getMeters()).extracting(Meter::getId)
					.noneMatch((id) -> id.getName().startsWith("parallel.tasks"));
			});
	}

	@Test
	void userDefinedTrackerIsUsedByTheEndpoint() {
		Instant start = Instant.parse("2026-11-28T08:00:00Z");
		this.contextRunner.withPropertyValues(ACCESSIBLE, EXPOSED)
			.withBean("customTracker", ParallelTaskTracker.class,
					() -> new ParallelTaskTracker(Clock.fixed(start, ZoneOffset.UTC)))
			.run((context) -> {
				assertThat(context).hasSingleBean(ParallelTaskTracker.class).hasBean("customTracker");
				assertThat(context.getBean(ParallelTasksEndpoint.class).parallelTasks().since()).isEqualTo(start);
			});
	}

	private static void assertPartialBatchIsCounted(AssertableApplicationContext context) {
		ParallelResult<String> result = context.getBean(ParallelTaskTemplate.class)
			.batch("checkout")
			.invokeAll(
					List.of(ParallelTask.named("prices", () -> "12.50"), ParallelTask.named("recommendations", () -> {
						throw new IllegalStateException("recommendations timed out");
					})));
		assertThat(result.values()).containsExactly("12.50");
		ParallelTasksDescriptor described = context.getBean(ParallelTasksEndpoint.class).parallelTasks();
		assertThat(described.inFlight()).isEmpty();
		assertThat(described.totals().batches()).containsEntry("partial", 1L).containsEntry("success", 0L);
		assertThat(described.totals().tasks()).containsEntry("success", 1L).containsEntry("failed", 1L);
	}

}
