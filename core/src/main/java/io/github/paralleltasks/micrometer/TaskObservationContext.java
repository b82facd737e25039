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

package io.github.paralleltasks.micrometer;

import io.github.paralleltasks.Subtask;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Context of the observation of one task of a batch.
 *
 * <p>
 * An {@link Observation.Context} that keeps the key values of its convention without
 * putting them into its maps, as long as nothing but the convention changes them: the
 * same key values are read, for less.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public class TaskObservationContext extends KeptKeyValuesContext {

	private final @Nullable String batchName;

	private final @Nullable String taskName;

	private final int index;

	private volatile Subtask.@Nullable State state;

	/**
	 * Create a new {@code TaskObservationContext}.
	 * @param batchName the name of the batch, or {@code null}
	 * @param taskName the name of the task, or {@code null}
	 * @param index the position of the task in its batch
	 */
	public TaskObservationContext(@Nullable String batchName, @Nullable String taskName, int index) {
		this.batchName = batchName;
		this.taskName = taskName;
		this.index = index;
	}

	/**
	 * Return the name of the batch.
	 * @return the batch name, or {@code null} if it has none
	 */
	public @Nullable String getBatchName() {
		return this.batchName;
	}

	/**
	 * Return the name of the task.
	 * @return the task name, or {@code null} if it has none
	 */
	public @Nullable String getTaskName() {
		return this.taskName;
	}

	/**
	 * Return the position of the task in its batch.
	 * @return the index
	 */
	public int getIndex() {
		return this.index;
	}

	/**
	 * Return how the task ended.
	 * @return the state, or {@code null} while the task runs
	 */
	public Subtask.@Nullable State getState() {
		return this.state;
	}

	void setState(Subtask.State state) {
		this.state = state;
	}

}
