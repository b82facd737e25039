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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.paralleltasks.ParallelResult;
import io.github.paralleltasks.ParallelTask;
import io.github.paralleltasks.metrics.ParallelTaskMetrics;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.micrometer.MicrometerParallelTaskMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ParallelTaskMetricsAutoConfiguration}.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class,
				ParallelTaskMetricsAutoConfiguration.class, ParallelTaskAutoConfiguration.class));

	@Test
	void templateRecordsToTheApplicationMeterRegistry() {
		this.contextRunner.withConfiguration(BootAutoConfigurations.METRICS).run((context) -> {
			assertThat(context).hasSingleBean(MicrometerParallelTaskMetrics.class);
			ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
			assertThat(template.getMetrics()).isSameAs(context.getBean(MicrometerParallelTaskMetrics.class));
			ParallelResult<String> result = template.invokeAll(
					List.of(ParallelTask.named("prices", () -> "12.50"), ParallelTask.named("recommendations", () -> {
						throw new IllegalStateException("recommendations timed out");
					})));
			assertThat(result.values()).containsExactly("12.50");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("parallel.tasks.tolerated")
				.tag("task", "recommendations")
				.tag("exception", IllegalStateException.class.getName())
				.counter()
				.count()).isEqualTo(1.0);
			assertThat(registry.get("parallel.tasks.batch").tag("outcome", "partial").timer().count()).isEqualTo(1);
		});
	}

	@Test
	void tasksAreNotObservedWhenTaskObservationsAreOff() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("parallel-tasks.metrics.task-observations=false")
			.run((context) -> {
				ParallelResult<String> result = context.getBean(ParallelTaskTemplate.class)
					.invokeAll(List.of(ParallelTask.named("prices", () -> "12.50"), ParallelTask.named("stock", () -> {
						throw new IllegalStateException("stock unknown");
					})));
				assertThat(result.values()).containsExactly("12.50");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("parallel.tasks.task").timer()).isNull();
				assertThat(registry.get("parallel.tasks.batch").tag("outcome", "partial").timer().count()).isEqualTo(1);
				assertThat(registry.get("parallel.tasks.tolerated").tag("task", "stock").counter().count())
					.isEqualTo(1);
				assertThat(registry.get("parallel.tasks.active").gauge().value()).isZero();
			});
	}

	@Test
	void metricsBackOffWhenDisabled() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("parallel-tasks.metrics.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ParallelTaskMetrics.class);
				assertThat(context.getBean(ParallelTaskTemplate.class).getMetrics()).isSameAs(ParallelTaskMetrics.NONE);
				context.getBean(ParallelTaskTemplate.class).invokeAll(List.of(() -> {
					throw new IllegalStateException("not counted");
				}));
				assertThat(context.getBean(MeterRegistry.class).find("parallel.tasks.tolerated").counter()).isNull();
			});
	}

	@Test
	void metricsBackOffWithoutMeterRegistryBean() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(ParallelTaskMetrics.class);
			assertThat(context).hasSingleBean(ParallelTaskTemplate.class);
		});
	}

	@Test
	void metricsBackOffWithoutMicrometerOnTheClassPath() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ParallelTaskMetrics.class);
				ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
				assertThat(template.invokeAll(List.of(() -> "still works")).values()).containsExactly("still works");
			});
	}

	@Test
	void userDefinedMetricsAreUsedAlongsideMicrometer() {
		List<String> failedTasks = new CopyOnWriteArrayList<>();
		ParallelTaskMetrics custom = new ParallelTaskMetrics() {

			@Override
			public void taskFailed(String batchName, String taskName, Throwable exception, boolean fatal) {
				failedTasks.add(taskName);
			}

		};
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withBean(ParallelTaskMetrics.class, () -> custom)
			.run((context) -> {
				assertThat(context).hasSingleBean(MicrometerParallelTaskMetrics.class);
				context.getBean(ParallelTaskTemplate.class).invokeAll(List.of(ParallelTask.named("prices", () -> {
					throw new IllegalStateException("prices down");
				})));
				assertThat(failedTasks).containsExactly("prices");
				assertThat(context.getBean(MeterRegistry.class).get("parallel.tasks.tolerated").counter().count())
					.isEqualTo(1.0);
			});
	}

	@Test
	void micrometerMetricsBackOffWhenUserDefinesThem() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withBean("customMetrics", MicrometerParallelTaskMetrics.class,
					() -> new MicrometerParallelTaskMetrics(new SimpleMeterRegistry()))
			.run((context) -> assertThat(context).hasSingleBean(MicrometerParallelTaskMetrics.class)
				.hasBean("customMetrics"));
	}

}
