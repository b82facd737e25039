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

import java.util.Objects;

import io.github.paralleltasks.context.TaskContextPropagator;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;

/**
 * {@link TaskContextPropagator} backed by Micrometer's context-propagation library: it
 * carries every thread-local value that a registered {@code ThreadLocalAccessor} knows,
 * such as the current observation (and so the trace) and Spring Security's context.
 *
 * <p>
 * Values that the caller does not have are cleared on the task's thread while the task
 * runs, so that a task never sees what another caller left on a pooled thread; the
 * thread's own values are restored when the task ends.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public class ContextSnapshotPropagator implements TaskContextPropagator {

	private final ContextSnapshotFactory snapshotFactory;

	/**
	 * Create a new {@code ContextSnapshotPropagator} for the given registry.
	 * @param contextRegistry the registry of the accessors of the values to carry
	 */
	public ContextSnapshotPropagator(ContextRegistry contextRegistry) {
		Objects.requireNonNull(contextRegistry, "Context registry must not be null");
		this.snapshotFactory = ContextSnapshotFactory.builder()
			.contextRegistry(contextRegistry)
			.clearMissing(true)
			.build();
	}

	@Override
	public CapturedContext capture() {
		ContextSnapshot snapshot = this.snapshotFactory.captureAll();
		return () -> snapshot.setThreadLocals()::close;
	}

}
