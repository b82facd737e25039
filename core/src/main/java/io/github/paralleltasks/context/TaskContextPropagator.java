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

package io.github.paralleltasks.context;

import org.jspecify.annotations.Nullable;

/**
 * Carries what the thread that starts a batch has in its thread-local context (the
 * logging MDC, the current observation and trace, the security context) to each task of
 * the batch. The context is captured once per batch, on the caller's thread, and set on
 * the task's thread only while the task runs.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 * @see io.github.paralleltasks.context.ContextSnapshotPropagator
 */
public interface TaskContextPropagator {

	/**
	 * A propagator that carries nothing.
	 */
	TaskContextPropagator NONE = () -> null;

	/**
	 * Capture the context of the current thread.
	 * @return the captured context, or {@code null} if there is nothing to carry
	 */
	@Nullable CapturedContext capture();

	/**
	 * A context captured on the thread that started a batch.
	 */
	@FunctionalInterface
	interface CapturedContext {

		/**
		 * Set this context on the current thread.
		 * @return the scope to close to restore what the thread had before
		 */
		Scope restore();

	}

	/**
	 * The time during which a captured context is set on a thread.
	 */
	@FunctionalInterface
	interface Scope extends AutoCloseable {

		@Override
		void close();

	}

}
