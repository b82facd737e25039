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

package io.github.paralleltasks;

import java.time.Duration;

import io.github.paralleltasks.context.TaskContextPropagator;
import io.github.paralleltasks.metrics.ParallelTaskMetrics;
import org.jspecify.annotations.Nullable;

/**
 * What a batch needs to know of the template that started it.
 *
 * @param name the name of the batch, or {@code null}
 * @param fatalErrorPolicy the policy that tells fatal errors from tolerated ones
 * @param metrics the metrics to record to
 * @param contextPropagator what carries the caller's context to the tasks
 * @param cancelGracePeriod how long a cancelled batch waits for its tasks
 * @param cancelGracePeriodNanos the same, in nanoseconds
 * @param registry the batches in flight of the template
 * @author parallel-tasks authors
 */
record BatchSettings(@Nullable String name, FatalErrorPolicy fatalErrorPolicy, ParallelTaskMetrics metrics,
		TaskContextPropagator contextPropagator, Duration cancelGracePeriod, long cancelGracePeriodNanos,
		BatchRegistry registry) {

	BatchSettings(@Nullable String name, FatalErrorPolicy fatalErrorPolicy, ParallelTaskMetrics metrics,
			TaskContextPropagator contextPropagator, Duration cancelGracePeriod) {
		this(name, fatalErrorPolicy, metrics, contextPropagator, cancelGracePeriod, cancelGracePeriod.toNanos(),
				new BatchRegistry());
	}

	BatchSettings withName(String name) {
		return new BatchSettings(name, this.fatalErrorPolicy, this.metrics, this.contextPropagator,
				this.cancelGracePeriod, this.cancelGracePeriodNanos, this.registry);
	}

	/**
	 * Return " of batch 'name'" for log messages, or nothing if the batch has no name.
	 */
	String describe() {
		return (this.name != null) ? " of batch '" + this.name + "'" : "";
	}

}
