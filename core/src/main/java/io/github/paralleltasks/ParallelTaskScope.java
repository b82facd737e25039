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

import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

/**
 * A scope of sibling tasks of different types, opened by
 * {@link ParallelTaskOperations#execute}. It follows the shape of the JDK's
 * {@code StructuredTaskScope}: {@code fork} each task, {@code join} once, then read each
 * {@link Subtask}:
 *
 * <pre class="code">
 * Order order = template.execute((scope) -&gt; {
 *     Subtask&lt;Customer&gt; customer = scope.fork("customer", () -&gt; customers.find(id));
 *     Subtask&lt;List&lt;Item&gt;&gt; items = scope.fork("items", () -&gt; items.find(id));
 *     scope.join();
 *     return new Order(customer.get(), items.get());
 * });
 * </pre>
 *
 * <p>
 * A scope is used by the thread that opened it only. Forking after {@link #join()} is not
 * allowed.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public interface ParallelTaskScope {

	/**
	 * Run a task on the template's executor. A {@link ParallelTask} keeps its name.
	 * @param <T> the type of the task's value
	 * @param task the task
	 * @return the subtask, whose value is readable after {@link #join()}
	 */
	<T> Subtask<T> fork(Callable<? extends T> task);

	/**
	 * Run a named task on the template's executor.
	 * @param <T> the type of the task's value
	 * @param name the name of the task, or {@code null}
	 * @param task the task
	 * @return the subtask, whose value is readable after {@link #join()}
	 */
	<T> Subtask<T> fork(@Nullable String name, Callable<? extends T> task);

	/**
	 * Start an asynchronous call, typically of an {@code @Async} method, on this thread,
	 * and supervise the future it returns; a {@link ParallelCall} gives it its name and
	 * criticality.
	 * @param <T> the type of the call's value
	 * @param call the call
	 * @return the subtask, whose value is readable after {@link #join()}
	 * @see #forkAsync(String, AsyncCall)
	 */
	<T> Subtask<T> forkAsync(AsyncCall<? extends T> call);

	/**
	 * Start an asynchronous call, typically of an {@code @Async} method, on this thread,
	 * and supervise the future it returns. A {@code CompletableFuture} is supervised on
	 * any executor; another {@code Future} only when the executor that runs the call is
	 * supervised (see {@link AsyncSupervision}).
	 * @param <T> the type of the call's value
	 * @param name the name of the call, or {@code null}
	 * @param call the call
	 * @return the subtask, whose value is readable after {@link #join()}
	 */
	<T> Subtask<T> forkAsync(@Nullable String name, AsyncCall<? extends T> call);

	/**
	 * Wait until every forked task has ended.
	 * @return the result of the scope's tasks, in fork order
	 * @throws FatalTaskException if a task threw a fatal exception
	 * @throws ParallelTimeoutException if the scope's timeout passed
	 * @throws ParallelInterruptedException if the calling thread was interrupted
	 */
	ParallelResult<Object> join();

	/**
	 * Return whether this scope has been cancelled, by a fatal error, a timeout or an
	 * interrupt.
	 * @return {@code true} if the scope was cancelled
	 */
	boolean isCancelled();

}
