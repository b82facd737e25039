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
import java.util.concurrent.Executor;

import io.github.paralleltasks.ParallelTaskTemplate;
import org.jspecify.annotations.Nullable;

/**
 * Exception thrown at start-up when the auto-configured {@link ParallelTaskTemplate} has
 * no executor: the bean that {@code parallel-tasks.executor} names does not exist or is
 * not an {@link Executor}, or the property is not set and the application has neither an
 * {@code applicationTaskExecutor} nor a single executor bean.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public class ParallelTaskExecutorException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String value;

	private final @Nullable String origin;

	private final String reason;

	private final List<String> executorBeanNames;

	/**
	 * Create a new {@code ParallelTaskExecutorException}.
	 * @param value the value of {@code parallel-tasks.executor}, or {@code null} if it is
	 * not set
	 * @param origin where the value was set, or {@code null} if it is not known
	 * @param reason why there is no executor, in lower case and without a final dot
	 * @param executorBeanNames the names of the application's executor beans
	 */
	public ParallelTaskExecutorException(@Nullable String value, @Nullable String origin, String reason,
			List<String> executorBeanNames) {
		super(((value != null) ? "Property 'parallel-tasks.executor' names bean '" + value + "', but " : "") + reason
				+ "; Executor beans: " + executorBeanNames);
		this.value = value;
		this.origin = origin;
		this.reason = reason;
		this.executorBeanNames = List.copyOf(executorBeanNames);
	}

	/**
	 * Return the value of {@code parallel-tasks.executor}.
	 * @return the bean name, or {@code null} if the property is not set
	 */
	public @Nullable String getValue() {
		return this.value;
	}

	/**
	 * Return where {@code parallel-tasks.executor} was set, for instance a line of
	 * {@code application.yml}.
	 * @return the origin, or {@code null} if it is not known
	 */
	public @Nullable String getOrigin() {
		return this.origin;
	}

	/**
	 * Return why the template has no executor.
	 * @return the reason, in lower case and without a final dot
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * Return the names of the application's executor beans, one of which the property
	 * could name.
	 * @return the bean names, possibly empty
	 */
	public List<String> getExecutorBeanNames() {
		return this.executorBeanNames;
	}

}
