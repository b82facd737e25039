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

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import io.micrometer.tracing.brave.bridge.BraveFinishedSpan;
import io.micrometer.tracing.exporter.FinishedSpan;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Tests for {@link ParallelTaskMetricsAutoConfiguration} with Spring Boot's Brave
 * tracing: {@code micrometer-tracing-bridge-brave}, its finished spans handed to an
 * in-memory {@link SpanHandler}.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskBraveTracingTests {

	private final ApplicationContextRunner contextRunner = TracedCheckout
		.withAutoConfigurations(new ApplicationContextRunner())
		.withConfiguration(BootAutoConfigurations.BRAVE_TRACING)
		.withPropertyValues(TracedCheckout.SAMPLE_ALL)
		.withUserConfiguration(TracedCheckout.QuotesConfiguration.class)
		.withBean(FinishedSpans.class, FinishedSpans::new);

	@Test
	void batchSpansAreChildrenOfTheCallersSpanAndParentsOfTheirTasksSpansInTheCallersTrace() {
		this.contextRunner.run((context) -> {
			TracedCheckout.Request request = TracedCheckout.run(context);
			TracedCheckout.assertTraced(request, context.getBean(FinishedSpans.class).spans);
		});
	}

	/**
	 * The spans that Brave finished, as Micrometer's bridge reports them.
	 */
	static class FinishedSpans extends SpanHandler {

		final List<FinishedSpan> spans = new CopyOnWriteArrayList<>();

		@Override
		public boolean end(TraceContext context, MutableSpan span, Cause cause) {
			if (cause == Cause.FINISHED) {
				this.spans.add(BraveFinishedSpan.fromBrave(span));
			}
			return true;
		}

	}

}
