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

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a batch of parallel tasks: the values of the tasks that succeeded, the
 * tolerated failures, and the {@link Subtask} of every task.
 *
 * <p>
 * A result is read-only. Lists are in submission order.
 *
 * @param <T> the type of the tasks' values
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public final class ParallelResult<T> {

	private static final ParallelResult<?> EMPTY = new ParallelResult<>(new Subtask<?>[0], 0);

	private final Subtask<?>[] subtasks;

	private final int size;

	ParallelResult(Subtask<?>[] subtasks, int size) {
		this.subtasks = subtasks;
		this.size = size;
	}

	@SuppressWarnings("unchecked")
	static <T> ParallelResult<T> empty() {
		return (ParallelResult<T>) EMPTY;
	}

	/**
	 * Return the values of the tasks that succeeded, in submission order. A task that
	 * returned {@code null} contributes a {@code null} element.
	 * @return the values, never {@code null}
	 */
	@SuppressWarnings("unchecked")
	public List<T> values() {
		List<T> values = new ArrayList<>(this.size);
		for (int i = 0; i < this.size; i++) {
			Subtask<?> subtask = this.subtasks[i];
			if (subtask.state() == Subtask.State.SUCCESS) {
				values.add((T) subtask.get());
			}
		}
		return Collections.unmodifiableList(values);
	}

	/**
	 * Return the tolerated failures, in submission order.
	 * @return the failures, never {@code null}
	 */
	public List<TaskFailure> failures() {
		List<TaskFailure> failures = new ArrayList<>(2);
		for (int i = 0; i < this.size; i++) {
			Subtask<?> subtask = this.subtasks[i];
			if (subtask.state() == Subtask.State.FAILED) {
				failures.add(new TaskFailure(i, subtask.name(),
						Objects.requireNonNull(subtask.exception(), "A failed task has an exception")));
			}
		}
		return Collections.unmodifiableList(failures);
	}

	/**
	 * Return whether every task succeeded.
	 * @return {@code true} if every task succeeded
	 */
	public boolean isComplete() {
		for (int i = 0; i < this.size; i++) {
			if (this.subtasks[i].state() != Subtask.State.SUCCESS) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Return the subtask at the given index, to read how that task ended.
	 * @param index the position of the task in its batch, counted from zero
	 * @return the subtask
	 * @throws IndexOutOfBoundsException if there is no task at that index
	 */
	@SuppressWarnings("unchecked")
	public Subtask<T> subtask(int index) {
		if (index < 0 || index >= this.size) {
			throw new IndexOutOfBoundsException("No task at index " + index + " in a batch of " + this.size);
		}
		return (Subtask<T>) this.subtasks[index];
	}

	/**
	 * Return every subtask, in submission order.
	 * @return the subtasks
	 */
	@SuppressWarnings("unchecked")
	public List<Subtask<T>> subtasks() {
		return new AbstractList<>() {

			@Override
			public Subtask<T> get(int index) {
				return subtask(index);
			}

			@Override
			public int size() {
				return ParallelResult.this.size;
			}

		};
	}

	/**
	 * Return the number of tasks in the batch.
	 * @return the number of tasks
	 */
	public int size() {
		return this.size;
	}

	@Override
	public String toString() {
		StringBuilder builder = new StringBuilder("ParallelResult[");
		for (int i = 0; i < this.size; i++) {
			builder.append((i > 0) ? ", " : "").append(this.subtasks[i].name()).append('=');
			builder.append(this.subtasks[i].state());
		}
		return builder.append(']').toString();
	}

}
