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

package io.github.paralleltasks.metrics;

/**
 * How a batch ended, as recorded by {@link ParallelTaskMetrics}.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public enum BatchOutcome {

	/**
	 * Every task succeeded.
	 */
	SUCCESS("success"),

	/**
	 * At least one task failed with a tolerated exception and no fatal error occurred.
	 */
	PARTIAL("partial"),

	/**
	 * A task failed with a fatal exception.
	 */
	FATAL("fatal"),

	/**
	 * The batch's timeout passed.
	 */
	TIMEOUT("timeout"),

	/**
	 * The thread waiting for the batch was interrupted, or the batch's scope was left
	 * early.
	 */
	CANCELLED("cancelled");

	private final String tagValue;

	BatchOutcome(String tagValue) {
		this.tagValue = tagValue;
	}

	/**
	 * Return the value of this outcome as a metric tag.
	 * @return the tag value
	 */
	public String tagValue() {
		return this.tagValue;
	}

}
