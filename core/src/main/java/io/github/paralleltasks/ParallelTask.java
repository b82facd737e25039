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

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

/**
 * A {@link Callable} with a name, used in logs, in exceptions and as the {@code task} tag
 * of the metrics. Give names that a developer wrote ({@code "prices"}, not
 * {@code "prices-" + id}), since each distinct name becomes a time series.
 *
 * <p>
 * A task without a name is called {@code task-<index>} in logs and exceptions and
 * {@code unnamed} in metrics.
 *
 * <p>
 * A task may have a timeout of its own ({@link #withTimeout(Duration)}), besides its
 * batch's: when it passes, that task alone is cancelled and fails with a
 * {@link TaskTimeoutException}, and its siblings go on.
 *
 * @param <T> the type of the task's value
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public final class ParallelTask<T> implements Callable<T>, TaskSpec {

	private final String name;

	private final Criticality criticality;

	private final Callable<? extends T> task;

	private final @Nullable Duration timeout;

	private ParallelTask(String name, Criticality criticality, Callable<? extends T> task, @Nullable Duration timeout) {
		this.name = name;
		this.criticality = criticality;
		this.task = task;
		this.timeout = timeout;
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
		return new ParallelTask<>(name, criticality, task, null);
	}

	/**
	 * Return a copy of this task with a timeout of its own. The timeout counts from when
	 * the task is forked, that is added to its batch, whether or not a thread has taken
	 * it yet. When it passes before the task has ended, the task alone is cancelled as a
	 * fatal error cancels a task: if it has not started it never does, and if it runs its
	 * cancel hooks run and its thread is interrupted. It then ends with a
	 * {@link TaskTimeoutException}, whatever it returns or throws after the cancel,
	 * classified by its {@link Criticality}: tolerated, unless the task is critical, when
	 * it is fatal and cancels its siblings. A task that ended in time keeps its outcome.
	 * <p>
	 * The batch's owner keeps the timeout while it waits for the batch, and whenever it
	 * forks a task: a scope callback that does other work between its forks and
	 * {@code join()} cancels an overdue task late. A task that does not stop when it is
	 * interrupted is waited for like any other, until it ends or the batch's own timeout
	 * passes. A batch nested in a task, with a task timeout, does not run its unstarted
	 * tasks on its own thread, so that the timeout stays exact.
	 * <p>
	 * The default is no timeout of its own: only the batch's timeout applies.
	 * @param timeout the timeout, positive
	 * @return a new task, with the same name, criticality and work, and that timeout
	 */
	public ParallelTask<T> withTimeout(Duration timeout) {
		return new ParallelTask<>(this.name, this.criticality, this.task, checkTimeout("task", this.name, timeout));
	}

	/**
	 * Check a timeout of a task or call.
	 * @param kind {@code "task"} or {@code "call"}
	 */
	static Duration checkTimeout(String kind, String name, Duration timeout) {
		Objects.requireNonNull(timeout, () -> "Timeout of " + kind + " '" + name + "' must not be null");
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException(
					"Timeout of " + kind + " '" + name + "' must be positive, but was " + timeout);
		}
		return timeout;
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
	@Override
	public Criticality getCriticality() {
		return this.criticality;
	}

	/**
	 * Return the timeout of this task, besides its batch's, if it has one.
	 * @return the timeout, or {@code null}
	 * @see #withTimeout(Duration)
	 */
	@Override
	public @Nullable Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * Return the name of this task.
	 * @return the name
	 */
	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public T call() throws Exception {
		return this.task.call();
	}

	@Override
	public String toString() {
		return "ParallelTask '" + this.name + "'" + describe(this.criticality, this.timeout);
	}

	static String describe(Criticality criticality, @Nullable Duration timeout) {
		if (criticality == Criticality.BY_POLICY) {
			return (timeout != null) ? " [timeout " + timeout + "]" : "";
		}
		return " [" + criticality + ((timeout != null) ? ", timeout " + timeout : "") + "]";
	}

}
