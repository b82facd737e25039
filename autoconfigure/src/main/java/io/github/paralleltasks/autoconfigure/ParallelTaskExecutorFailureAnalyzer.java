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

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * {@link AbstractFailureAnalyzer} for a {@link ParallelTaskExecutorException}: it
 * describes the value of {@code parallel-tasks.executor} as Spring Boot's binding failure
 * analyzers describe a property, and lists the executor beans that it could name.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskExecutorFailureAnalyzer extends AbstractFailureAnalyzer<ParallelTaskExecutorException>
		implements Ordered {

	@Override
	public int getOrder() {
		// Before Spring Boot's analyzers of the bean creation failures that wrap it
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ParallelTaskExecutorException cause) {
		StringBuilder description = new StringBuilder("The auto-configured ParallelTaskTemplate has no executor");
		if (cause.getValue() != null) {
			description.append(":%n%n    Property: %s".formatted(TemplateExecutor.PROPERTY));
			description.append("%n    Value: \"%s\"".formatted(cause.getValue()));
			if (cause.getOrigin() != null) {
				description.append("%n    Origin: %s".formatted(cause.getOrigin()));
			}
			description.append("%n    Reason: %s%n".formatted(cause.getReason()));
		}
		else {
			description.append(": ").append(cause.getReason()).append('.');
			if (!cause.getExecutorBeanNames().isEmpty()) {
				description.append(" Executor beans: ").append(String.join(", ", cause.getExecutorBeanNames()));
			}
		}
		return new FailureAnalysis(description.toString(), action(cause), cause);
	}

	private static String action(ParallelTaskExecutorException cause) {
		List<String> executors = cause.getExecutorBeanNames();
		if (executors.isEmpty()) {
			return "Define an Executor bean for the tasks, or let Spring Boot define its "
					+ TemplateExecutor.DEFAULT_BEAN_NAME + ", which it does when the application defines no "
					+ "Executor bean of its own";
		}
		StringBuilder action = new StringBuilder("Set ").append(TemplateExecutor.PROPERTY)
			.append(" to the name of the Executor bean that runs the tasks of batches: ")
			.append((executors.size() > 1) ? "one of " : "")
			.append(String.join(", ", executors));
		if (cause.getValue() != null && executors.contains(TemplateExecutor.DEFAULT_BEAN_NAME)) {
			action.append(", or remove it to use ").append(TemplateExecutor.DEFAULT_BEAN_NAME);
		}
		if (cause.getValue() == null) {
			action.append(". Declaring your own executors with @Bean(defaultCandidate = false) keeps Spring Boot's ")
				.append(TemplateExecutor.DEFAULT_BEAN_NAME);
		}
		return action.toString();
	}

}
