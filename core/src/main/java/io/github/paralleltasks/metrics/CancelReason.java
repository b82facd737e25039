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
 * Why a batch cancelled its unfinished tasks.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public enum CancelReason {

	/**
	 * A task threw a fatal exception.
	 */
	FATAL("fatal"),

	/**
	 * The batch's timeout passed; or, for a single task, its own timeout (see
	 * {@link io.github.paralleltasks.ParallelTask#withTimeout(java.time.Duration)}).
	 */
	TIMEOUT("timeout"),

	/**
	 * The thread waiting for the batch was interrupted, or the batch it belongs to was
	 * cancelled.
	 */
	INTERRUPTED("interrupted"),

	/**
	 * A scope was left, normally or by an exception, with tasks that had not ended.
	 */
	CLOSED("closed"),

	/**
	 * The template was
	 * {@linkplain io.github.paralleltasks.ParallelTaskTemplate#shutdown() shut down},
	 * typically because the application context is closing; or, for a single task, its
	 * executor cancelled it before it started, as an executor does with the tasks it
	 * drops when it is shut down.
	 */
	SHUTDOWN("shutdown");

	private final String tagValue;

	CancelReason(String tagValue) {
		this.tagValue = tagValue;
	}

	/**
	 * Return the value of this reason as a metric tag.
	 * @return the tag value
	 */
	public String tagValue() {
		return this.tagValue;
	}

}
