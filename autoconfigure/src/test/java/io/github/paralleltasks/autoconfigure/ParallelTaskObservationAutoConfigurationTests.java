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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.paralleltasks.ParallelResult;
import io.github.paralleltasks.ParallelTask;
import io.github.paralleltasks.metrics.ParallelTaskMetrics;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.micrometer.BatchObservationConvention;
import io.github.paralleltasks.micrometer.CheckoutScenario;
import io.github.paralleltasks.micrometer.MicrometerParallelTaskMetrics;
import io.github.paralleltasks.micrometer.ParallelTaskMeterFilter;
import io.github.paralleltasks.micrometer.ShopConventions;
import io.github.paralleltasks.micrometer.TaskObservationConvention;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ParallelTaskMetricsAutoConfiguration} with Spring Boot's observation
 * and metrics auto-configurations, as in an application.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskObservationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(BootAutoConfigurations.OBSERVATION)
		.withConfiguration(BootAutoConfigurations.METRICS)
		.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class,
				ParallelTaskMetricsAutoConfiguration.class, ParallelTaskAutoConfiguration.class))
		.withBean("observedNames", ObservedNames.class, ObservedNames::new);

	@Test
	void templateRecordsCountersGaugeAndObservationTimersToTheApplicationRegistry() {
		this.contextRunner.run((context) -> {
			ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			CheckoutScenario.run(template.batch("checkout"), registry);
			assertThat(context.getBean(ObservedNames.class).names).containsOnly("parallel.tasks.batch",
					"parallel.tasks.task");
			assertThat(registry.get("parallel.tasks.tolerated")
				.tags("batch", "checkout", "task", "recommendations", "exception",
						IllegalStateException.class.getName())
				.counter()
				.count()).isEqualTo(1.0);
			assertThat(
					registry.get("parallel.tasks.fatal").tags("batch", "checkout", "task", "payment").counter().count())
				.isEqualTo(1.0);
			assertThat(registry.get("parallel.tasks.cancelled")
				.tags("batch", "checkout", "reason", "fatal")
				.counter()
				.count()).isEqualTo(1.0);
			assertThat(registry.get("parallel.tasks.batch")
				.tags("batch", "checkout", "outcome", "fatal", "error", "FatalTaskException")
				.timer()
				.count()).isEqualTo(1);
			assertThat(registry.get("parallel.tasks.task").tags("batch", "checkout").timers())
				.extracting((timer) -> timer.getId().getTag("task") + "=" + timer.getId().getTag("outcome"))
				.containsExactlyInAnyOrder("recommendations=failed", "payment=fatal", "inventory=cancelled");
			assertThat(registry.get("parallel.tasks.active").tag("batch", "checkout").gauge().value()).isEqualTo(0.0);
		});
	}

	@Test
	void percentilesHistogramPropertyGivesTheTimersTheBucketsThatPrometheusScrapes() {
		this.contextRunner
			.withBean(PrometheusMeterRegistry.class, () -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
			.withPropertyValues("management.metrics.distribution.percentiles-histogram.parallel.tasks=true")
			.run((context) -> {
				context.getBean(ParallelTaskTemplate.class)
					.batch("checkout")
					.invokeAll(List.of(ParallelTask.named("prices", () -> "12.50")));
				String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();
				assertThat(scrape).contains(
						"parallel_tasks_batch_seconds_bucket{batch=\"checkout\",error=\"none\",outcome=\"success\",le=\"+Inf\"} 1",
						"parallel_tasks_task_seconds_bucket{batch=\"checkout\",error=\"none\",outcome=\"success\",task=\"prices\",le=\"+Inf\"} 1");
			});
	}

	@Test
	void timersAreDescribedInThePrometheusScrape() {
		this.contextRunner
			.withBean(PrometheusMeterRegistry.class, () -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
			.run((context) -> {
				assertThat(context).hasSingleBean(ParallelTaskMeterFilter.class);
				context.getBean(ParallelTaskTemplate.class)
					.batch("checkout")
					.invokeAll(List.of(ParallelTask.named("prices", () -> "12.50")));
				String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();
				assertThat(scrape).contains(
						"# HELP parallel_tasks_batch_seconds Duration of batches of parallel tasks, until every task in them ended",
						"# HELP parallel_tasks_task_seconds Duration of the tasks of batches, from their start to their end");
			});
	}

	@Test
	void conventionBeansReplaceTheDefaultConventions() {
		this.contextRunner.withBean(BatchObservationConvention.class, ShopConventions.ShopBatchConvention::new)
			.withBean(TaskObservationConvention.class, ShopConventions.ShopTaskConvention::new)
			.run((context) -> {
				ParallelResult<String> result = context.getBean(ParallelTaskTemplate.class)
					.batch("checkout")
					.invokeAll(List.of(ParallelTask.named("prices", () -> "12.50")));
				assertThat(result.values()).containsExactly("12.50");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("shop.batch").tag("flow", "checkout").timer().count()).isEqualTo(1);
				assertThat(registry.get("shop.task").tag("step", "prices").timer().count()).isEqualTo(1);
				assertThat(registry.find("parallel.tasks.batch").meters()).isEmpty();
				assertThat(registry.find("parallel.tasks.task").meters()).isEmpty();
			});
	}

	@Test
	void nothingIsRecordedWhenMetricsAreDisabled() {
		this.contextRunner.withPropertyValues("parallel-tasks.metrics.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(MicrometerParallelTaskMetrics.class);
			ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
			assertThat(template.getMetrics()).isSameAs(ParallelTaskMetrics.NONE);
			ParallelResult<String> result = template.batch("checkout")
				.invokeAll(List.of(ParallelTask.named("prices", () -> "12.50"),
						ParallelTask.named("recommendations", () -> {
							throw new IllegalStateException("recommendations timed out");
						})));
			assertThat(result.values()).containsExactly("12.50");
			assertThat(result.failures()).hasSize(1);
			assertThat(context.getBean(MeterRegistry.class).getMeters()).extracting(Meter::getId)
				.noneMatch((id) -> id.getName().startsWith("parallel.tasks"));
			assertThat(context.getBean(ObservedNames.class).names).isEmpty();
		});
	}

	/**
	 * Names of the observations that the application's registry saw start.
	 */
	static class ObservedNames implements ObservationHandler<Observation.Context> {

		final Set<String> names = ConcurrentHashMap.newKeySet();

		@Override
		public void onStart(Observation.Context context) {
			this.names.add(context.getName());
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
