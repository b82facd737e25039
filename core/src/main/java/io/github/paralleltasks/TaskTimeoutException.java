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
import java.util.Objects;

/**
 * The exception of a task that did not end within its own timeout (see
 * {@link ParallelTask#withTimeout(Duration)} and
 * {@link ParallelCall#withTimeout(Duration)}). By the time a task has failed with it, the
 * task was cancelled: it never started, or its cancel hooks ran and its thread was
 * interrupted (for an {@code @Async} call, its future was cancelled and its worker
 * interrupted), and it has ended.
 *
 * <p>
 * It is the task's {@linkplain Subtask#exception() exception}, classified by the task's
 * {@link Criticality} like any other: tolerated (in {@link ParallelResult#failures()})
 * unless the task is {@linkplain Criticality#CRITICAL critical}, when it is fatal and
 * cancels the siblings, or the batch's {@link FatalErrorPolicy} says that this type is
 * fatal. What the task threw once the cancel had reached it is a
 * {@linkplain #getSuppressed() suppressed} exception.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public class TaskTimeoutException extends RuntimeException {

	private final String taskName;

	private final Duration timeout;

	/**
	 * Create a new {@code TaskTimeoutException}.
	 * @param taskName the name of the task
	 * @param timeout the task's timeout, which passed before it ended
	 */
	public TaskTimeoutException(String taskName, Duration timeout) {
		super("Task '" + Objects.requireNonNull(taskName, "Task name must not be null") + "' did not end within "
				+ Objects.requireNonNull(timeout, "Timeout must not be null"));
		this.taskName = taskName;
		this.timeout = timeout;
	}

	/**
	 * Return the name of the task that did not end in time.
	 * @return the task's name
	 */
	public String taskName() {
		return this.taskName;
	}

	/**
	 * Return the task's timeout, which passed before it ended.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
