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
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;

import io.github.paralleltasks.context.TaskContextPropagator;
import org.jspecify.annotations.Nullable;

/**
 * A task that runs a {@link Callable} on a thread of the template's executor, and is
 * stopped by running its cancellation hooks and interrupting that thread.
 *
 * <p>
 * It is the {@link Runnable} that the executor is handed, and a {@link Future} for the
 * executor's sake only: an executor that is shut down may cancel the {@code Future}s
 * among the tasks it drops, as Spring's {@code ThreadPoolTaskExecutor} does with what
 * {@link ExecutorService#shutdownNow()} returns ({@code cancelRemainingTask} calls
 * {@code cancel(true)}), and {@link #cancel(boolean)} then ends the task, so that its
 * batch does not wait for it. That is certain when the executor queued this very object.
 * When a {@code TaskDecorator} wrapped it in another {@code Runnable}, Spring looks this
 * task up in a map that holds its entries weakly ({@code decoratedTaskMap}, a weak
 * {@code ConcurrentReferenceHashMap}), and a garbage collection may have cleared the
 * entry even while the task was queued: the cancel is then lost, and the batch waits for
 * its timeout, if it has one. parallel-tasks' own decorator leaves a task of a batch as
 * it is, and where Spring Boot adds it to a {@code ThreadPoolTaskExecutor} bean that has
 * a decorator of its own, the decorated task is kept a {@code Future} of this one
 * ({@code AsyncSupervisionBeanPostProcessor}). The rest of {@code Future} is answered
 * from the task's state, never by waiting: {@link #get()} is {@link Subtask#get()}, and a
 * batch's tasks are joined through their batch. {@code Future}'s default methods of Java
 * 19 and later ({@code state()}, {@code resultNow()}, {@code exceptionNow()}) are not
 * overridden: this class is compiled for Java 17, and a release of 19 or later would
 * reject {@link Subtask#state()}, whose type is its own, as an override of
 * {@code Future.state()}.
 *
 * @param <T> the type of the task's value
 * @author parallel-tasks authors
 */
final class CallableRun<T> extends TaskRun<T> implements RunnableFuture<T> {

	private final Callable<? extends T> callable;

	CallableRun(Batch batch, int index, @Nullable String givenName, Callable<? extends T> callable) {
		super(batch, index, givenName, TaskSpec.timeoutOf(callable));
		this.callable = callable;
	}

	@Override
	Object work() {
		return this.callable;
	}

	/**
	 * Hand this task to the executor, unless it was cancelled before; a refusal is the
	 * task's failure, classified like any other.
	 */
	void submit(Executor executor) {
		if (!isNew()) {
			// Cancelled before it was submitted: no need to queue a no-op behind the
			// batch
			return;
		}
		try {
			executor.execute(this);
		}
		catch (Throwable ex) {
			refused(ex);
		}
	}

	/**
	 * End this task, unless it has started or was cancelled, because its executor refused
	 * it or will never run it: that is the task's failure, classified like any other.
	 * @param exception why the executor does not run it
	 */
	void refused(Throwable exception) {
		if (tryStart()) {
			finish(null, exception);
		}
	}

	@Override
	public void run() {
		// The executor's worker and, for a nested batch, the owner may both try to run
		// it: tryRun lets one of them claim it
		if (!tryRun()) {
			return;
		}
		CancelGate previous = enter();
		TaskContextPropagator.Scope context = this.batch.restoreContext();
		Object result = null;
		Throwable failure = null;
		try (TaskContextPropagator.Scope scope = recordStart().openScope()) {
			result = this.callable.call();
		}
		catch (Throwable ex) {
			failure = ex;
		}
		finally {
			leave(previous, context);
		}
		finish(result, failure);
	}

	/**
	 * Cancel this task if it has not started: it then never runs and ends
	 * {@link Subtask.State#CANCELLED CANCELLED}, with a
	 * {@link java.util.concurrent.CancellationException} that says that its executor
	 * cancelled it, and its batch counts it as cancelled for
	 * {@link CancelReason#SHUTDOWN}; its siblings go on. A task that has started is
	 * stopped only by its batch, which alone decides when its tasks stop: this method
	 * then returns {@code false}, whatever {@code mayInterruptIfRunning} says.
	 * @param mayInterruptIfRunning ignored
	 * @return {@code true} if this call kept the task from starting
	 */
	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		return dropUnstarted();
	}

	/**
	 * Return whether this task ended {@link Subtask.State#CANCELLED CANCELLED}.
	 */
	@Override
	public boolean isCancelled() {
		return rawState() == CANCELLED;
	}

	/**
	 * Return whether this task has ended, and nothing of it runs any more.
	 */
	@Override
	public boolean isDone() {
		int current = rawState();
		return current >= SUCCESS && current != ABANDONED;
	}

	/**
	 * Not supported: a task of a batch is waited for through its batch.
	 * @throws UnsupportedOperationException always
	 */
	@Override
	public T get(long timeout, TimeUnit unit) {
		throw new UnsupportedOperationException(
				"Task '" + name() + "' is waited for through its batch, not as a Future");
	}

}
