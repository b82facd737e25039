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
 * One task of a batch: its place, its name, and how it ended. Modelled on the JDK's
 * {@code StructuredTaskScope.Subtask}.
 *
 * <p>
 * A subtask is returned by {@link ParallelTaskScope#fork} and by
 * {@link ParallelResult#subtask(int)}. Its value is readable once its state is
 * {@link State#SUCCESS}, which is certain for every task that succeeded once
 * {@link ParallelTaskScope#join()} or the batch has returned.
 *
 * @param <T> the type of the task's value
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public interface Subtask<T> {

	/**
	 * Return the position of this task in its batch, counted from zero in submission
	 * order.
	 * @return the index
	 */
	int index();

	/**
	 * Return the name of this task: the name given through {@link ParallelTask#named}, or
	 * {@code task-<index>}.
	 * @return the name, never {@code null}
	 */
	String name();

	/**
	 * Return the state of this task.
	 * @return the state
	 */
	State state();

	/**
	 * Return the value of this task, which may be {@code null}.
	 * @return the value
	 * @throws IllegalStateException if the task did not succeed
	 */
	T get();

	/**
	 * Return the exception this task ended with, already unwrapped: the tolerated or
	 * fatal exception it threw, or for a cancelled task the exception, if any, that it
	 * threw once interrupted, or the {@link java.util.concurrent.CancellationException}
	 * that tells that its executor cancelled it before it started.
	 * @return the exception, or {@code null} if there is none
	 */
	@Nullable Throwable exception();

	/**
	 * The states of a subtask.
	 */
	enum State {

		/**
		 * The task has not ended: it is queued or running, or it was cancelled and had
		 * still not ended when the cancel grace period ran out.
		 */
		UNAVAILABLE,

		/**
		 * The task returned a value.
		 */
		SUCCESS,

		/**
		 * The task threw a tolerated exception.
		 */
		FAILED,

		/**
		 * The task threw a fatal exception.
		 */
		FATAL,

		/**
		 * The task was cancelled: it never started, or it was interrupted and ended by
		 * throwing.
		 */
		CANCELLED

	}

}
