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

/**
 * Thrown by a batch in which a task threw a {@linkplain FatalError fatal} exception. By
 * the time it is thrown, every sibling has been cancelled and has ended, or has been
 * reported at WARN level as still running after the cancel grace period.
 *
 * <p>
 * {@link #getCause()} is the first fatal exception, unwrapped; fatal exceptions thrown
 * later by other tasks are {@linkplain #getSuppressed() suppressed} exceptions.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public class FatalTaskException extends ParallelTaskException {

	private final String taskName;

	/**
	 * Create a new {@code FatalTaskException}.
	 * @param taskName the name of the task that threw the first fatal exception
	 * @param cause the first fatal exception, unwrapped
	 * @param result the result of the batch
	 */
	public FatalTaskException(String taskName, Throwable cause, ParallelResult<?> result) {
		super("Task '" + taskName + "' failed with fatal error " + cause, cause, result);
		this.taskName = taskName;
	}

	/**
	 * Return the name of the task that threw the first fatal exception.
	 * @return the task name
	 */
	public String taskName() {
		return this.taskName;
	}

}
