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

import io.github.paralleltasks.Subtask;
import io.github.paralleltasks.context.TaskContextPropagator;
import org.jspecify.annotations.Nullable;

/**
 * Receives the events of one batch, for metrics, traces or tracking. Returned by
 * {@link ParallelTaskMetrics#batchStarted(String, int)}; implementations must be
 * thread-safe: tasks start and end on their own threads.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public interface BatchRecording {

	/**
	 * A recording that records nothing.
	 */
	BatchRecording NONE = new BatchRecording() {
	};

	/**
	 * Called when a task of the batch starts, on the thread that starts it.
	 * @param taskName the name of the task, or {@code null} if it has none
	 * @param index the position of the task in the batch
	 * @return the recording of the task
	 */
	default TaskRecording taskStarted(@Nullable String taskName, int index) {
		return TaskRecording.NONE;
	}

	/**
	 * Called when tasks are added to a batch beyond the size it started with, as a
	 * scope's tasks are, on the thread that adds them.
	 * @param count how many tasks were added
	 */
	default void tasksAdded(int count) {
	}

	/**
	 * Called once for a task that ended without having started: cancelled while it was
	 * queued, or refused by its executor. Such a task never has a {@link TaskRecording}.
	 * @param taskName the name of the task, or {@code null} if it has none
	 * @param index the position of the task in the batch
	 * @param state how it ended
	 * @param exception the exception it ended with, or {@code null}
	 */
	default void taskEndedUnstarted(@Nullable String taskName, int index, Subtask.State state,
			@Nullable Throwable exception) {
	}

	/**
	 * Called when the batch ended, on the thread that started it.
	 * @param outcome how the batch ended
	 * @param error the exception the batch throws, or {@code null}
	 */
	default void batchEnded(BatchOutcome outcome, @Nullable Throwable error) {
	}

	/**
	 * Receives the events of one task.
	 */
	interface TaskRecording {

		/**
		 * A recording that records nothing.
		 */
		TaskRecording NONE = new TaskRecording() {
		};

		/**
		 * Make this task's context current on the thread that runs it, for instance so
		 * that spans created by the task are children of the task's span. Called on the
		 * task's thread when it runs there; the scope is closed on the same thread.
		 * @return the scope to close when the task's code returns
		 */
		default TaskContextPropagator.Scope openScope() {
			return NO_SCOPE;
		}

		/**
		 * Called once when the task has ended.
		 * @param state how it ended
		 * @param exception the exception it ended with, or {@code null}
		 */
		default void taskEnded(Subtask.State state, @Nullable Throwable exception) {
		}

	}

	/**
	 * A scope that does nothing.
	 */
	TaskContextPropagator.Scope NO_SCOPE = () -> {
	};

}
