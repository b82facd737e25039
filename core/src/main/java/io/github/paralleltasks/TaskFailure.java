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

import java.util.Objects;

/**
 * A tolerated failure of one task in a batch.
 *
 * @param index the position of the task in its batch, counted from zero
 * @param taskName the name of the task, or {@code task-<index>} if it has none
 * @param exception the exception the task threw, unwrapped
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public record TaskFailure(int index, String taskName, Throwable exception) {

	/**
	 * Create a new {@code TaskFailure}.
	 * @param index the position of the task in its batch
	 * @param taskName the name of the task
	 * @param exception the exception the task threw
	 */
	public TaskFailure {
		Objects.requireNonNull(taskName, "Task name must not be null");
		Objects.requireNonNull(exception, "Exception must not be null");
	}

}
