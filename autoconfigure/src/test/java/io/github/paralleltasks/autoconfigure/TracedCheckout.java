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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.paralleltasks.ParallelTask;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.exporter.FinishedSpan;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A traced request of an application that runs a batch of tasks and a batch of
 * {@code @Async} calls, and what a real tracer must have recorded of it: shared by the
 * tests of each tracer bridge.
 *
 * @author parallel-tasks authors
 */
final class TracedCheckout {

	/**
	 * Add Spring Boot's auto-configurations of observations, metrics, tracing (less the
	 * bridge) and task execution, and parallel-tasks', as an application has them.
	 * @param runner the runner to configure
	 * @return the configured runner
	 */
	static ApplicationContextRunner withAutoConfigurations(ApplicationContextRunner runner) {
		return runner.withConfiguration(BootAutoConfigurations.OBSERVATION)
			.withConfiguration(BootAutoConfigurations.METRICS)
			.withConfiguration(BootAutoConfigurations.TRACING)
			.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class,
					ParallelTaskMetricsAutoConfiguration.class, ParallelTaskAutoConfiguration.class));
	}

	/**
	 * Every span is sampled, and so recorded.
	 */
	static final String SAMPLE_ALL = "management.tracing.sampling.probability=1.0";

	private static final String REQUEST = "checkout.request";

	private TracedCheckout() {
	}

	/**
	 * Run the request in an observation of its own, and so in a trace: a batch of two
	 * tasks, then a batch of two {@code @Async} calls.
	 */
	static Request run(ApplicationContext context) {
		Tracer tracer = context.getBean(Tracer.class);
		ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
		Quotes quotes = context.getBean(Quotes.class);
		Observation observation = Observation.start(REQUEST, context.getBean(ObservationRegistry.class));
		try (Observation.Scope scope = observation.openScope()) {
			Seen caller = Seen.here(tracer);
			List<Seen> tasks = template.batch("prices")
				.<Seen>invokeAll(List.of(ParallelTask.named("list-price", () -> Seen.here(tracer)),
						ParallelTask.named("discount", () -> Seen.here(tracer))))
				.values();
			List<Seen> calls = template.batch("suppliers")
				.<Seen>awaitAll(List.of(() -> quotes.quote(), () -> quotes.quote()))
				.values();
			return new Request(caller, tasks, calls);
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * Assert that the spans are the request's, each batch's a child of the request's and
	 * each task's a child of its batch's, all in the caller's trace; and that each task
	 * and call saw that trace, in its current span and in its MDC.
	 */
	static void assertTraced(Request request, List<FinishedSpan> finished) {
		Map<String, FinishedSpan> spans = finished.stream()
			.collect(Collectors.toMap(FinishedSpan::getName, Function.identity()));
		assertThat(spans).containsOnlyKeys(REQUEST, "batch prices", "task list-price", "task discount",
				"batch suppliers", "task task-0", "task task-1");
		String traceId = request.caller().traceId();
		assertThat(finished).extracting(FinishedSpan::getTraceId).containsOnly(traceId);
		FinishedSpan root = spans.get(REQUEST);
		assertThat(root.getSpanId()).isEqualTo(request.caller().spanId());
		assertThat(spans.get("batch prices").getParentId()).isEqualTo(root.getSpanId());
		assertThat(spans.get("batch suppliers").getParentId()).isEqualTo(root.getSpanId());
		String prices = spans.get("batch prices").getSpanId();
		String suppliers = spans.get("batch suppliers").getSpanId();
		assertThat(List.of(spans.get("task list-price"), spans.get("task discount")))
			.extracting(FinishedSpan::getParentId)
			.containsOnly(prices);
		assertThat(List.of(spans.get("task task-0"), spans.get("task task-1"))).extracting(FinishedSpan::getParentId)
			.containsOnly(suppliers);
		// A task runs in its own span, which its logs name
		assertThat(request.tasks()).extracting(Seen::spanId)
			.containsExactly(spans.get("task list-price").getSpanId(), spans.get("task discount").getSpanId());
		assertThat(request.tasks()).allSatisfy((seen) -> assertThat(seen.inMdc()).isTrue());
		assertThat(request.tasks()).extracting(Seen::traceId).containsOnly(traceId);
		assertThat(request.calls()).allSatisfy((seen) -> assertThat(seen.inMdc()).isTrue());
		assertThat(request.calls()).extracting(Seen::traceId).containsOnly(traceId);
		// An @Async call's work runs in its task's span, as a Callable's does
		assertThat(request.calls()).extracting(Seen::spanId)
			.containsExactlyInAnyOrder(spans.get("task task-0").getSpanId(), spans.get("task task-1").getSpanId());
	}

	/**
	 * What the caller, the tasks and the calls of a traced request saw.
	 */
	record Request(Seen caller, List<Seen> tasks, List<Seen> calls) {

	}

	/**
	 * The trace that a thread saw: the tracer's current span, and the MDC's
	 * {@code traceId} and {@code spanId}, as Spring Boot's logging correlation sets them.
	 */
	record Seen(@Nullable String traceId, @Nullable String spanId, @Nullable String mdcTraceId,
			@Nullable String mdcSpanId) {

		static Seen here(Tracer tracer) {
			Span span = tracer.currentSpan();
			TraceContext context = (span != null) ? span.context() : null;
			return new Seen((context != null) ? context.traceId() : null, (context != null) ? context.spanId() : null,
					MDC.get("traceId"), MDC.get("spanId"));
		}

		boolean inMdc() {
			return this.traceId != null && this.traceId.equals(this.mdcTraceId) && this.spanId != null
					&& this.spanId.equals(this.mdcSpanId);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class QuotesConfiguration {

		@Bean
		Quotes quotes(Tracer tracer) {
			return new Quotes(tracer);
		}

	}

	/**
	 * An {@code @Async} service, which reports the trace that it sees.
	 */
	static class Quotes {

		private final Tracer tracer;

		Quotes(Tracer tracer) {
			this.tracer = tracer;
		}

		@Async
		public CompletableFuture<Seen> quote() {
			return CompletableFuture.completedFuture(Seen.here(this.tracer));
		}

	}

}
