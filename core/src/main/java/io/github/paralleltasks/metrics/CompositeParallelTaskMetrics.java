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

import java.util.List;
import java.util.Objects;

import io.github.paralleltasks.Subtask;
import io.github.paralleltasks.context.TaskContextPropagator;
import org.jspecify.annotations.Nullable;

/**
 * {@link ParallelTaskMetrics} that passes every event to several others.
 *
 * @author parallel-tasks authors
 */
final class CompositeParallelTaskMetrics implements ParallelTaskMetrics {

	private final ParallelTaskMetrics[] delegates;

	private CompositeParallelTaskMetrics(ParallelTaskMetrics[] delegates) {
		this.delegates = delegates;
	}

	static ParallelTaskMetrics of(List<? extends ParallelTaskMetrics> metrics) {
		Objects.requireNonNull(metrics, "Metrics must not be null");
		ParallelTaskMetrics[] delegates = metrics.stream()
			.map((each) -> Objects.requireNonNull(each, "Metrics must not contain null"))
			.filter((each) -> each != NONE)
			.toArray(ParallelTaskMetrics[]::new);
		return switch (delegates.length) {
			case 0 -> NONE;
			case 1 -> delegates[0];
			default -> new CompositeParallelTaskMetrics(delegates);
		};
	}

	@Override
	public void taskFailed(@Nullable String batchName, @Nullable String taskName, Throwable exception, boolean fatal) {
		for (ParallelTaskMetrics delegate : this.delegates) {
			delegate.taskFailed(batchName, taskName, exception, fatal);
		}
	}

	@Override
	public void tasksCancelled(@Nullable String batchName, CancelReason reason, int count) {
		for (ParallelTaskMetrics delegate : this.delegates) {
			delegate.tasksCancelled(batchName, reason, count);
		}
	}

	@Override
	public BatchRecording batchStarted(@Nullable String batchName, int expectedSize) {
		BatchRecording[] recordings = new BatchRecording[this.delegates.length];
		for (int i = 0; i < recordings.length; i++) {
			recordings[i] = this.delegates[i].batchStarted(batchName, expectedSize);
		}
		return new CompositeBatchRecording(recordings);
	}

	private record CompositeBatchRecording(BatchRecording[] recordings) implements BatchRecording {

		@Override
		public BatchRecording.TaskRecording taskStarted(@Nullable String taskName, int index) {
			BatchRecording.TaskRecording[] tasks = new BatchRecording.TaskRecording[this.recordings.length];
			for (int i = 0; i < tasks.length; i++) {
				tasks[i] = this.recordings[i].taskStarted(taskName, index);
			}
			return new CompositeTaskRecording(tasks);
		}

		@Override
		public void tasksAdded(int count) {
			for (BatchRecording recording : this.recordings) {
				recording.tasksAdded(count);
			}
		}

		@Override
		public void taskEndedUnstarted(@Nullable String taskName, int index, Subtask.State state,
				@Nullable Throwable exception) {
			for (BatchRecording recording : this.recordings) {
				recording.taskEndedUnstarted(taskName, index, state, exception);
			}
		}

		@Override
		public void batchEnded(BatchOutcome outcome, @Nullable Throwable error) {
			for (BatchRecording recording : this.recordings) {
				recording.batchEnded(outcome, error);
			}
		}

	}

	private record CompositeTaskRecording(
			BatchRecording.TaskRecording[] tasks) implements BatchRecording.TaskRecording {

		@Override
		public TaskContextPropagator.Scope openScope() {
			TaskContextPropagator.Scope[] scopes = new TaskContextPropagator.Scope[this.tasks.length];
			for (int i = 0; i < scopes.length; i++) {
				scopes[i] = this.tasks[i].openScope();
			}
			return () -> {
				for (int i = scopes.length - 1; i >= 0; i--) {
					scopes[i].close();
				}
			};
		}

		@Override
		public void taskEnded(Subtask.State state, @Nullable Throwable exception) {
			for (BatchRecording.TaskRecording task : this.tasks) {
				task.taskEnded(state, exception);
			}
		}

	}

}
