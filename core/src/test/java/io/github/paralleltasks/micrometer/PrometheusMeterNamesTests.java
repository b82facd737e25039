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

package io.github.paralleltasks.micrometer;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.paralleltasks.ParallelTaskTemplate;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the names that Prometheus gives the meters of parallel tasks, which the
 * Grafana dashboard queries.
 *
 * @author parallel-tasks authors
 */
class PrometheusMeterNamesTests {

	private final ExecutorService pool = Executors.newFixedThreadPool(3);

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	@AfterEach
	void shutDownPool() throws InterruptedException {
		this.pool.shutdownNow();
		assertThat(this.pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void scrapeNamesEveryMeterAsTheDashboardQueriesIt() {
		// As with
		// management.metrics.distribution.percentiles-histogram.parallel.tasks=true
		this.registry.config().meterFilter(new MeterFilter() {

			@Override
			public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
				return id.getName().startsWith("parallel.tasks")
						? DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config)
						: config;
			}

		});
		CheckoutScenario.run(template(), this.registry);
		List<String> samples = scrapeLines("parallel_tasks_");
		assertThat(samples).extracting((line) -> line.substring(0, line.indexOf('{')))
			.containsOnly("parallel_tasks_tolerated_total", "parallel_tasks_fatal_total",
					"parallel_tasks_cancelled_total", "parallel_tasks_active", "parallel_tasks_batch_seconds_bucket",
					"parallel_tasks_batch_seconds_count", "parallel_tasks_batch_seconds_sum",
					"parallel_tasks_batch_seconds_max", "parallel_tasks_task_seconds_bucket",
					"parallel_tasks_task_seconds_count", "parallel_tasks_task_seconds_sum",
					"parallel_tasks_task_seconds_max", "parallel_tasks_batch_active_seconds_bucket",
					"parallel_tasks_batch_active_seconds_gcount", "parallel_tasks_batch_active_seconds_gsum",
					"parallel_tasks_batch_active_seconds_max", "parallel_tasks_task_active_seconds_bucket",
					"parallel_tasks_task_active_seconds_gcount", "parallel_tasks_task_active_seconds_gsum",
					"parallel_tasks_task_active_seconds_max");
		String declined = CheckoutScenario.PaymentDeclinedException.class.getName();
		assertThat(samples).contains(
				"parallel_tasks_tolerated_total{batch=\"checkout\",exception=\"java.lang.IllegalStateException\","
						+ "task=\"recommendations\"} 1.0",
				"parallel_tasks_fatal_total{batch=\"checkout\",exception=\"" + declined + "\",task=\"payment\"} 1.0",
				"parallel_tasks_cancelled_total{batch=\"checkout\",reason=\"fatal\"} 1.0",
				"parallel_tasks_active{batch=\"checkout\"} 0.0",
				"parallel_tasks_batch_seconds_count{batch=\"checkout\",error=\"FatalTaskException\",outcome=\"fatal\"} 1",
				"parallel_tasks_batch_seconds_bucket{batch=\"checkout\",error=\"FatalTaskException\",outcome=\"fatal\","
						+ "le=\"+Inf\"} 1",
				"parallel_tasks_task_seconds_count{batch=\"checkout\",error=\"none\",outcome=\"cancelled\","
						+ "task=\"inventory\"} 1");
	}

	@Test
	void scrapeDescribesEveryMeterInItsHelpLine() {
		this.registry.config().meterFilter(new ParallelTaskMeterFilter());
		CheckoutScenario.run(template(), this.registry);
		List<String> help = scrapeLines("# HELP parallel_tasks_");
		assertThat(help).extracting((line) -> line.split(" ")[2])
			.containsExactlyInAnyOrder("parallel_tasks_tolerated_total", "parallel_tasks_fatal_total",
					"parallel_tasks_cancelled_total", "parallel_tasks_active", "parallel_tasks_batch_seconds",
					"parallel_tasks_batch_seconds_max", "parallel_tasks_task_seconds",
					"parallel_tasks_task_seconds_max", "parallel_tasks_batch_active_seconds",
					"parallel_tasks_batch_active_seconds_max", "parallel_tasks_task_active_seconds",
					"parallel_tasks_task_active_seconds_max");
		// "# HELP name description"
		assertThat(help).allSatisfy((line) -> assertThat(line.split(" ", 4)).hasSize(4)
			.satisfies((parts) -> assertThat(parts[3]).isNotBlank()));
		assertThat(help).contains(
				"# HELP parallel_tasks_batch_seconds Duration of batches of parallel tasks, until every task in them ended",
				"# HELP parallel_tasks_task_seconds Duration of the tasks of batches, from their start to their end");
	}

	private ParallelTaskTemplate template() {
		return ParallelTaskTemplate.builder(this.pool)
			.metrics(new MicrometerParallelTaskMetrics(this.registry))
			.build()
			.batch("checkout");
	}

	private List<String> scrapeLines(String prefix) {
		return Arrays.stream(this.registry.scrape().split("\n")).filter((line) -> line.startsWith(prefix)).toList();
	}

}
