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
 * later by other tasks are {@linkplain #getSuppressed() suppressed} exceptions. When the
 * fatal exception came from a batch nested in the task, {@link #getCause()} is still what
 * the innermost task threw, never another {@code FatalTaskException}, so that an
 * {@code @ExceptionHandler} can match it; {@link #taskPath()} names the tasks from this
 * batch's down to the one that threw, and the nested batch's own exception, with its
 * result, stays the {@linkplain Subtask#exception() exception} of this batch's task.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public class FatalTaskException extends ParallelTaskException {

	private final String taskName;

	private final String taskPath;

	/**
	 * Create a new {@code FatalTaskException}.
	 * @param taskName the name of the task that threw the first fatal exception
	 * @param cause the first fatal exception, unwrapped; if it is the
	 * {@code FatalTaskException} of a nested batch, its own cause
	 * @param result the result of the batch
	 */
	public FatalTaskException(String taskName, Throwable cause, ParallelResult<?> result) {
		super("Task '" + pathOf(taskName, cause) + "' failed with fatal error " + rootOf(cause), rootOf(cause), result);
		this.taskName = taskName;
		this.taskPath = pathOf(taskName, cause);
	}

	private static String pathOf(String taskName, Throwable cause) {
		return (cause instanceof FatalTaskException nested) ? taskName + "/" + nested.taskPath : taskName;
	}

	private static Throwable rootOf(Throwable cause) {
		return (cause instanceof FatalTaskException nested && nested.getCause() != null) ? nested.getCause() : cause;
	}

	/**
	 * Return the name of the task of this batch that threw the first fatal exception, or
	 * whose nested batch did.
	 * @return the task name
	 */
	public String taskName() {
		return this.taskName;
	}

	/**
	 * Return the names of the tasks from this batch's down to the one that threw the
	 * fatal exception, separated by {@code /}: {@code "reviews/partner"} when task
	 * {@code partner} of a batch nested in task {@code reviews} threw it. Without a
	 * nested batch it is the {@linkplain #taskName() task name}.
	 * @return the task path
	 */
	public String taskPath() {
		return this.taskPath;
	}

}
