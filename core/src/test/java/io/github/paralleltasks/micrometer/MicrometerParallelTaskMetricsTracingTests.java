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

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.paralleltasks.FatalError;
import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelTask;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of the spans that the observations of {@link MicrometerParallelTaskMetrics} give
 * with a tracer.
 *
 * @author parallel-tasks authors
 */
class MicrometerParallelTaskMetricsTracingTests {

	private final SimpleTracer tracer = new SimpleTracer();

	private final ExecutorService pool = Executors.newFixedThreadPool(2);

	private final ParallelTaskTemplate template;

	MicrometerParallelTaskMetricsTracingTests() {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultTracingObservationHandler(this.tracer));
		this.template = ParallelTaskTemplate.builder(this.pool)
			.metrics(new MicrometerParallelTaskMetrics(new SimpleMeterRegistry(), observations))
			.build()
			.batch("checkout");
	}

	@AfterEach
	void shutDownPool() throws InterruptedException {
		this.pool.shutdownNow();
		assertThat(this.pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void eachBatchIsASpanAndEachTaskAChildSpanWithItsNameAndOutcome() {
		List<Callable<String>> tasks = List.of(ParallelTask.named("prices", () -> "12.50"),
				ParallelTask.named("stock", () -> {
					throw new IllegalStateException("stock unknown");
				}));
		assertThat(this.template.invokeAll(tasks).values()).containsExactly("12.50");
		Map<String, SimpleSpan> spans = spansByName();
		assertThat(spans).containsOnlyKeys("batch checkout", "task prices", "task stock");
		SimpleSpan batch = spans.get("batch checkout");
		assertThat(batch.getTags()).containsEntry("batch", "checkout").containsEntry("outcome", "partial");
		SimpleSpan prices = spans.get("task prices");
		SimpleSpan stock = spans.get("task stock");
		assertThat(prices.getParentId()).isEqualTo(batch.getSpanId());
		assertThat(stock.getParentId()).isEqualTo(batch.getSpanId());
		assertThat(prices.getTraceId()).isEqualTo(batch.getTraceId());
		assertThat(prices.getTags()).containsEntry("task", "prices").containsEntry("outcome", "success");
		assertThat(stock.getTags()).containsEntry("task", "stock").containsEntry("outcome", "failed");
		assertThat(stock.getError()).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void spansOfAFatalBatchCarryTheErrorAndTheCancelledSibling() {
		CountDownLatch sleeping = new CountDownLatch(1);
		List<Callable<String>> tasks = List.of(ParallelTask.named("sleeper", () -> {
			sleeping.countDown();
			Thread.sleep(TimeUnit.SECONDS.toMillis(30));
			return "late";
		}), ParallelTask.named("payment", () -> {
			sleeping.await();
			throw new PaymentDeclined();
		}));
		assertThatExceptionOfType(FatalTaskException.class).isThrownBy(() -> this.template.invokeAll(tasks));
		Map<String, SimpleSpan> spans = spansByName();
		assertThat(spans.get("batch checkout").getTags()).containsEntry("outcome", "fatal");
		assertThat(spans.get("batch checkout").getError()).isInstanceOf(FatalTaskException.class);
		assertThat(spans.get("task payment").getTags()).containsEntry("outcome", "fatal");
		assertThat(spans.get("task sleeper").getTags()).containsEntry("outcome", "cancelled");
		assertThat(spans.get("task sleeper").getParentId()).isEqualTo(spans.get("batch checkout").getSpanId());
	}

	@Test
	void taskSpansAreChildrenOfTheirBatchSpanWhenTheCallerHasASpanOfItsOwn() {
		// awaitAll starts each call, and so its task's observation, on the caller's
		// thread, where the caller's span is current
		Span caller = this.tracer.nextSpan().name("request").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(caller)) {
			assertThat(
					this.template.<String>awaitAll(List.of(() -> CompletableFuture.completedFuture("12.50"))).values())
				.containsExactly("12.50");
		}
		finally {
			caller.end();
		}
		Map<String, SimpleSpan> spans = spansByName();
		assertThat(spans).containsOnlyKeys("request", "batch checkout", "task task-0");
		assertThat(spans.get("batch checkout").getParentId()).isEqualTo(caller.context().spanId());
		assertThat(spans.get("task task-0").getParentId()).isEqualTo(spans.get("batch checkout").getSpanId());
		assertThat(this.tracer.currentSpan()).isNull();
	}

	private Map<String, SimpleSpan> spansByName() {
		return this.tracer.getSpans().stream().collect(Collectors.toMap(SimpleSpan::getName, Function.identity()));
	}

	@FatalError
	static class PaymentDeclined extends RuntimeException {

	}

}
