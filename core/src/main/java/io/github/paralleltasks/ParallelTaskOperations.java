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
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs batches of sibling tasks in parallel and supervises them: a {@linkplain FatalError
 * fatal} error cancels the siblings and ends the batch at once; every other error is
 * tolerated, counted and reported in the {@link ParallelResult}. Implemented by
 * {@link ParallelTaskTemplate}; a useful interface to mock or decorate.
 *
 * <p>
 * Every method returns only once every task of its batch has ended, or has been reported
 * as still running after the cancel grace period.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 * @see ParallelTaskTemplate
 */
public interface ParallelTaskOperations {

	/**
	 * Run every task on the template's executor and wait for them, with the template's
	 * default timeout, if any.
	 * @param <T> the type of the tasks' values
	 * @param tasks the tasks; a {@link ParallelTask} gives a task its name
	 * @return the result of the batch
	 * @throws FatalTaskException if a task threw a fatal exception
	 * @throws ParallelTimeoutException if the default timeout passed
	 * @throws ParallelInterruptedException if the calling thread was interrupted
	 */
	<T> ParallelResult<T> invokeAll(List<? extends Callable<? extends T>> tasks);

	/**
	 * Run every task on the template's executor and wait for them, at most for the given
	 * timeout.
	 * @param <T> the type of the tasks' values
	 * @param tasks the tasks; a {@link ParallelTask} gives a task its name
	 * @param timeout how long the whole batch may take, positive
	 * @return the result of the batch
	 * @throws FatalTaskException if a task threw a fatal exception
	 * @throws ParallelTimeoutException if the timeout passed
	 * @throws ParallelInterruptedException if the calling thread was interrupted
	 */
	<T> ParallelResult<T> invokeAll(List<? extends Callable<? extends T>> tasks, Duration timeout);

	/**
	 * Start every call, in order, on the calling thread, and supervise the futures they
	 * return, with the template's default timeout, if any. Each call typically invokes an
	 * {@code @Async} method of a bean; a {@link ParallelCall} gives a call its name and
	 * criticality. A call may throw a checked exception, which is its failure.
	 * @param <T> the type of the calls' values
	 * @param calls the calls that start the asynchronous work
	 * @return the result of the batch
	 * @throws FatalTaskException if a call failed with a fatal exception
	 * @throws ParallelTimeoutException if the default timeout passed
	 * @throws ParallelInterruptedException if the calling thread was interrupted
	 */
	<T> ParallelResult<T> awaitAll(List<? extends AsyncCall<? extends T>> calls);

	/**
	 * Start every call, in order, on the calling thread, and supervise the futures they
	 * return, at most for the given timeout.
	 * @param <T> the type of the calls' values
	 * @param calls the calls that start the asynchronous work
	 * @param timeout how long the whole batch may take, positive
	 * @return the result of the batch
	 * @throws FatalTaskException if a call failed with a fatal exception
	 * @throws ParallelTimeoutException if the timeout passed
	 * @throws ParallelInterruptedException if the calling thread was interrupted
	 */
	<T> ParallelResult<T> awaitAll(List<? extends AsyncCall<? extends T>> calls, Duration timeout);

	/**
	 * Open a scope in which tasks of different types are forked, then joined, with the
	 * template's default timeout, if any. When the callback returns or throws without
	 * joining, the tasks that have not ended are cancelled and waited for, and a fatal
	 * error that a task had thrown is thrown as a {@link FatalTaskException}, or added as
	 * a suppressed exception to what the callback threw.
	 * @param <R> the type of the callback's result
	 * @param <E> the type of the checked exception that the callback may throw
	 * @param callback the code that forks and joins the tasks
	 * @return what the callback returned
	 * @throws E what the callback threw
	 */
	<R, E extends Exception> R execute(ParallelScopeCallback<R, E> callback) throws E;

	/**
	 * Open a scope in which tasks of different types are forked, then joined, at most for
	 * the given timeout, counted from now.
	 * @param <R> the type of the callback's result
	 * @param <E> the type of the checked exception that the callback may throw
	 * @param timeout how long the scope's tasks may take, positive
	 * @param callback the code that forks and joins the tasks
	 * @return what the callback returned
	 * @throws E what the callback threw
	 */
	<R, E extends Exception> R execute(Duration timeout, ParallelScopeCallback<R, E> callback) throws E;

	/**
	 * Return operations like these whose batches carry the given name, in logs and as the
	 * {@code batch} tag of the metrics. Name batches for what they do
	 * ({@code "checkout"}), never with values from requests.
	 * @param name the name of the batches, not blank
	 * @return operations whose batches carry that name
	 */
	ParallelTaskOperations batch(String name);

}
