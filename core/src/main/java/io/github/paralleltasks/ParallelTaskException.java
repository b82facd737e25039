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

import org.jspecify.annotations.Nullable;

/**
 * Base class of the exceptions that end a batch early. The subtasks of the batch, with
 * the values of those that had succeeded, stay readable through {@link #getResult()}.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public abstract class ParallelTaskException extends RuntimeException {

	private final transient ParallelResult<?> result;

	/**
	 * Create a new {@code ParallelTaskException}.
	 * @param message the detail message
	 * @param cause the cause, or {@code null}
	 * @param result the result of the batch as it was when it ended
	 */
	protected ParallelTaskException(String message, @Nullable Throwable cause, ParallelResult<?> result) {
		super(message, cause);
		this.result = result;
	}

	/**
	 * Return the result of the batch as it was when it ended: the values of the tasks
	 * that had succeeded, the tolerated failures, and the state of every task.
	 * @return the result
	 */
	public ParallelResult<?> getResult() {
		return this.result;
	}

}
