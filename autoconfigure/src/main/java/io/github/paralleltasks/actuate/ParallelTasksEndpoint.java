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

package io.github.paralleltasks.actuate;

import java.util.Objects;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@link Endpoint @Endpoint} {@code paralleltasks}: the batches of parallel tasks in
 * flight, with their running, done and failed tasks, and the totals by outcome since
 * start-up, as kept by a {@link ParallelTaskTracker}.
 *
 * <p>
 * The endpoint is off by default: set
 * {@code management.endpoint.paralleltasks.access=read-only} and expose it, for instance
 * with {@code management.endpoints.web.exposure.include=paralleltasks}.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
@Endpoint(id = "paralleltasks", defaultAccess = Access.NONE)
public class ParallelTasksEndpoint {

	private final ParallelTaskTracker tracker;

	/**
	 * Create a new {@code ParallelTasksEndpoint}.
	 * @param tracker the tracker of the batches
	 */
	public ParallelTasksEndpoint(ParallelTaskTracker tracker) {
		this.tracker = Objects.requireNonNull(tracker, "Tracker must not be null");
	}

	/**
	 * Describe the batches in flight and the totals since start-up.
	 * @return the description
	 */
	@ReadOperation
	public ParallelTasksDescriptor parallelTasks() {
		return this.tracker.describe();
	}

}
