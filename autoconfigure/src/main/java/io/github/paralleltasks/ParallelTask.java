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
import java.util.concurrent.Callable;

/**
 * A {@link Callable} with a name, used in logs, in exceptions and as the {@code task} tag
 * of the metrics. Give names that a developer wrote ({@code "prices"}, not
 * {@code "prices-" + id}), since each distinct name becomes a time series.
 *
 * <p>
 * A task without a name is called {@code task-<index>} in logs and exceptions and
 * {@code unnamed} in metrics.
 *
 * @param <T> the type of the task's value
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public final class ParallelTask<T> implements Callable<T> {

	private final String name;

	private final Criticality criticality;

	private final Callable<? extends T> task;

	private ParallelTask(String name, Criticality criticality, Callable<? extends T> task) {
		this.name = name;
		this.criticality = criticality;
		this.task = task;
	}

	/**
	 * Create a task with the given name, whose exceptions the batch's
	 * {@link FatalErrorPolicy} judges.
	 * @param <T> the type of the task's value
	 * @param name the name of the task, not empty
	 * @param task the work to do
	 * @return the named task
	 */
	public static <T> ParallelTask<T> named(String name, Callable<? extends T> task) {
		return of(name, Criticality.BY_POLICY, task);
	}

	/**
	 * Create a task with the given name that its batch cannot do without: any exception
	 * it throws is fatal and cancels its siblings (see {@link Criticality} for the
	 * precedence).
	 * @param <T> the type of the task's value
	 * @param name the name of the task, not empty
	 * @param task the work to do
	 * @return the critical task
	 */
	public static <T> ParallelTask<T> critical(String name, Callable<? extends T> task) {
		return of(name, Criticality.CRITICAL, task);
	}

	/**
	 * Create a task with the given name that its batch can do without: no exception it
	 * throws is fatal, except a {@link VirtualMachineError}, not even one whose type
	 * carries {@link FatalError} (see {@link Criticality} for the precedence).
	 * @param <T> the type of the task's value
	 * @param name the name of the task, not empty
	 * @param task the work to do
	 * @return the optional task
	 */
	public static <T> ParallelTask<T> optional(String name, Callable<? extends T> task) {
		return of(name, Criticality.OPTIONAL, task);
	}

	private static <T> ParallelTask<T> of(String name, Criticality criticality, Callable<? extends T> task) {
		checkName(name);
		Objects.requireNonNull(task, () -> "Task '" + name + "' must not be null");
		return new ParallelTask<>(name, criticality, task);
	}

	static void checkName(String name) {
		Objects.requireNonNull(name, "Name must not be null");
		if (name.isBlank()) {
			throw new IllegalArgumentException("Name must not be blank");
		}
	}

	/**
	 * Return whether the task's exceptions are fatal by the policy, always or never.
	 * @return the criticality
	 */
	public Criticality getCriticality() {
		return this.criticality;
	}

	/**
	 * Return the name of this task.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	@Override
	public T call() throws Exception {
		return this.task.call();
	}

	@Override
	public String toString() {
		return (this.criticality != Criticality.BY_POLICY)
				? "ParallelTask '" + this.name + "' [" + this.criticality + "]" : "ParallelTask '" + this.name + "'";
	}

}
