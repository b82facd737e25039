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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.paralleltasks.ParallelResult;
import io.github.paralleltasks.ParallelTask;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.ParallelTimeoutException;
import io.github.paralleltasks.Subtask;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the meters that {@link MicrometerParallelTaskMetrics} records, with timers
 * from Micrometer's {@link DefaultMeterObservationHandler}.
 *
 * @author parallel-tasks authors
 */
class MicrometerParallelTaskMetricsMeterTests {

	private final ExecutorService pool = Executors.newFixedThreadPool(3);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ParallelTaskTemplate template = ParallelTaskTemplate.builder(this.pool)
		.metrics(new MicrometerParallelTaskMetrics(this.meters, meterObservations(this.meters)))
		.build();

	@AfterEach
	void shutDownPool() throws InterruptedException {
		this.pool.shutdownNow();
		assertThat(this.pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void batchWithAToleratedAndAFatalErrorRecordsEveryMeterWithItsTags() {
		CheckoutScenario.run(this.template.batch("checkout"), this.meters);
		String declined = CheckoutScenario.PaymentDeclinedException.class.getName();
		assertThat(describeMeters()).containsExactlyInAnyOrder(
				"parallel.tasks.tolerated{batch=checkout,exception=java.lang.IllegalStateException,task=recommendations} COUNTER count=1.0",
				"parallel.tasks.fatal{batch=checkout,exception=" + declined + ",task=payment} COUNTER count=1.0",
				"parallel.tasks.cancelled{batch=checkout,reason=fatal} COUNTER count=1.0",
				"parallel.tasks.batch{batch=checkout,error=FatalTaskException,outcome=fatal} TIMER count=1.0",
				"parallel.tasks.task{batch=checkout,error=IllegalStateException,outcome=failed,task=recommendations} TIMER count=1.0",
				"parallel.tasks.task{batch=checkout,error=PaymentDeclinedException,outcome=fatal,task=payment} TIMER count=1.0",
				"parallel.tasks.task{batch=checkout,error=none,outcome=cancelled,task=inventory} TIMER count=1.0",
				"parallel.tasks.active{batch=checkout} GAUGE value=0.0",
				"parallel.tasks.batch.active{batch=checkout,outcome=unknown} LONG_TASK_TIMER active=0.0",
				"parallel.tasks.task.active{batch=checkout,outcome=unknown,task=recommendations} LONG_TASK_TIMER active=0.0",
				"parallel.tasks.task.active{batch=checkout,outcome=unknown,task=payment} LONG_TASK_TIMER active=0.0",
				"parallel.tasks.task.active{batch=checkout,outcome=unknown,task=inventory} LONG_TASK_TIMER active=0.0");
		assertThat(this.meters.get("parallel.tasks.batch").tag("outcome", "fatal").timer().totalTime(TimeUnit.SECONDS))
			.isLessThan(2.0);
	}

	@Test
	void metricsOnTheirOwnObservationRegistryRecordTheSameMetersWithoutTaskObservations() {
		CheckoutScenario.run(this.template.batch("checkout"), this.meters);
		SimpleMeterRegistry direct = new SimpleMeterRegistry();
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(this.pool)
			.metrics(new MicrometerParallelTaskMetrics(direct))
			.build();
		CheckoutScenario.run(template.batch("checkout"), direct);
		assertThat(describeMeters(direct)).containsExactlyInAnyOrderElementsOf(describeMeters(this.meters));
	}

	@Test
	void activeGaugeCountsTheRunningTasksOfEachBatch() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch running = new CountDownLatch(2);
		List<ParallelTask<String>> tasks = new ArrayList<>();
		for (String name : List.of("prices", "stock")) {
			tasks.add(ParallelTask.named(name, () -> {
				running.countDown();
				assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
				return name;
			}));
		}
		ExecutorService caller = Executors.newSingleThreadExecutor();
		try {
			Future<ParallelResult<String>> batch = caller
				.submit(() -> this.template.batch("checkout").invokeAll(tasks));
			assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(this.meters.get("parallel.tasks.active").tag("batch", "checkout").gauge().value())
				.isEqualTo(2.0);
			assertThat(this.meters.get("parallel.tasks.batch.active").longTaskTimer().activeTasks()).isEqualTo(1);
			release.countDown();
			assertThat(batch.get(10, TimeUnit.SECONDS).values()).containsExactly("prices", "stock");
			assertThat(this.meters.get("parallel.tasks.active").tag("batch", "checkout").gauge().value())
				.isEqualTo(0.0);
		}
		finally {
			release.countDown();
			caller.shutdownNow();
		}
	}

	@Test
	void successfulBatchWithoutNamesIsTaggedUnnamedAndCountsNoError() {
		MeterRegistry registry = new SimpleMeterRegistry();
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(this.pool)
			.metrics(new MicrometerParallelTaskMetrics(registry))
			.build();
		assertThat(template.invokeAll(List.of(() -> "a", () -> "b")).values()).containsExactly("a", "b");
		assertThat(registry.getMeters()).extracting((meter) -> meter.getId().getName())
			.containsOnly("parallel.tasks.batch", "parallel.tasks.batch.active", "parallel.tasks.task",
					"parallel.tasks.task.active", "parallel.tasks.active");
		assertThat(registry.get("parallel.tasks.batch").tags("batch", "unnamed", "outcome", "success").timer().count())
			.isEqualTo(1);
		assertThat(registry.get("parallel.tasks.task")
			.tags("batch", "unnamed", "task", "unnamed", "outcome", "success")
			.timer()
			.count()).isEqualTo(2);
	}

	@Test
	void timedOutBatchCountsItsCancelledTasksByReason() {
		ParallelTaskTemplate checkout = this.template.batch("checkout");
		long start = System.nanoTime();
		assertThatExceptionOfType(ParallelTimeoutException.class)
			.isThrownBy(() -> checkout.invokeAll(List.of(ParallelTask.named("slow", () -> {
				Thread.sleep(TimeUnit.SECONDS.toMillis(20));
				return "late";
			})), Duration.ofMillis(300)))
			.satisfies((ex) -> assertThat(ex.getResult().subtask(0).state()).isEqualTo(Subtask.State.CANCELLED));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(this.meters.get("parallel.tasks.cancelled")
			.tags("batch", "checkout", "reason", "timeout")
			.counter()
			.count()).isEqualTo(1.0);
		assertThat(this.meters.get("parallel.tasks.batch")
			.tags("batch", "checkout", "outcome", "timeout", "error", "ParallelTimeoutException")
			.timer()
			.count()).isEqualTo(1);
	}

	private List<String> describeMeters() {
		return describeMeters(this.meters);
	}

	private static List<String> describeMeters(MeterRegistry registry) {
		List<String> described = new ArrayList<>();
		for (Meter meter : registry.getMeters()) {
			StringBuilder tags = new StringBuilder();
			for (Tag tag : meter.getId().getTags()) {
				tags.append((tags.length() > 0) ? "," : "").append(tag.getKey()).append('=').append(tag.getValue());
			}
			described.add(meter.getId().getName() + "{" + tags + "} " + meter.getId().getType() + " " + value(meter));
		}
		return described;
	}

	private static String value(Meter meter) {
		if (meter instanceof LongTaskTimer longTaskTimer) {
			return "active=" + (double) longTaskTimer.activeTasks();
		}
		if (meter instanceof Timer timer) {
			return "count=" + (double) timer.count();
		}
		if (meter instanceof Gauge gauge) {
			return "value=" + gauge.value();
		}
		return "count=" + meter.measure().iterator().next().getValue();
	}

	private static ObservationRegistry meterObservations(MeterRegistry meterRegistry) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
		return registry;
	}

}
