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
import java.util.concurrent.TimeUnit;

import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.otel.bridge.OtelFinishedSpan;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ParallelTaskMetricsAutoConfiguration} with Spring Boot's OpenTelemetry
 * tracing: {@code micrometer-tracing-bridge-otel}, its spans exported to OpenTelemetry's
 * in-memory exporter.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskOpenTelemetryTracingTests {

	private final ApplicationContextRunner contextRunner = TracedCheckout
		.withAutoConfigurations(new ApplicationContextRunner())
		.withConfiguration(BootAutoConfigurations.OPEN_TELEMETRY_TRACING)
		// As SpringApplication does from spring.factories: the listener that sets the MDC
		.withInitializer((context) -> context
			.addApplicationListener(BootAutoConfigurations.openTelemetryEventPublisherBeansApplicationListener()))
		.withPropertyValues(TracedCheckout.SAMPLE_ALL)
		.withUserConfiguration(TracedCheckout.QuotesConfiguration.class)
		.withBean(InMemorySpanExporter.class, InMemorySpanExporter::create);

	@Test
	void batchSpansAreChildrenOfTheCallersSpanAndParentsOfTheirTasksSpansInTheCallersTrace() {
		this.contextRunner.run((context) -> {
			TracedCheckout.Request request = TracedCheckout.run(context);
			TracedCheckout.assertTraced(request, exported(context));
		});
	}

	private static List<FinishedSpan> exported(ApplicationContext context) {
		// Spans are exported in batches, on a thread of their own
		assertThat(context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
			.isTrue();
		return context.getBean(InMemorySpanExporter.class)
			.getFinishedSpanItems()
			.stream()
			.map(OtelFinishedSpan::fromOtel)
			.toList();
	}

}
