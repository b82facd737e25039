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

import io.github.paralleltasks.context.TaskContextPropagator;

/**
 * A task that runs a {@link Callable} on a thread of the template's executor, and is
 * stopped by running its cancellation hooks and interrupting that thread.
 *
 * @param <T> the type of the task's value
 * @author parallel-tasks authors
 */
final class CallableRun<T> extends TaskRun<T> implements Runnable {

	private final Callable<? extends T> callable;

	CallableRun(Batch batch, int index, String givenName, Callable<? extends T> callable) {
		super(batch, index, givenName);
		this.callable = callable;
	}

	/**
	 * Return the name that the developer gave a task, if any.
	 * @param task the task
	 * @return the name of a {@link ParallelTask}, or {@code null}
	 */
	static String nameOf(Callable<?> task) {
		return (task instanceof ParallelTask<?> named) ? named.getName() : null;
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

}
