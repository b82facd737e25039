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

/**
 * A task that runs a {@link Callable} on a thread of the template's executor, and is
 * stopped by interrupting that thread.
 *
 * @param <T> the type of the task's value
 * @author parallel-tasks authors
 */
final class CallableRun<T> extends TaskRun<T> implements Runnable {

	private static final ThreadLocal<TaskRun<?>> CURRENT = new ThreadLocal<>();

	private static final int SPINS_BEFORE_YIELD = 32;

	private final Callable<? extends T> callable;

	private Thread runner;

	CallableRun(Batch batch, int index, String givenName, Callable<? extends T> callable) {
		super(batch, index, givenName);
		this.callable = callable;
	}

	/**
	 * Return the task that the current thread is running for a batch, if any.
	 * @return the current task, or {@code null}
	 */
	static TaskRun<?> current() {
		return CURRENT.get();
	}

	@Override
	public void run() {
		// The runner must be visible before the task can be seen RUNNING by a canceller.
		this.runner = Thread.currentThread();
		if (!tryStart()) {
			return;
		}
		TaskRun<?> previous = CURRENT.get();
		CURRENT.set(this);
		Object result = null;
		Throwable failure = null;
		try {
			result = this.callable.call();
		}
		catch (Throwable ex) {
			failure = ex;
		}
		finally {
			CURRENT.set(previous);
		}
		finish(result, failure);
	}

	@Override
	void interruptRun() {
		Thread thread = this.runner;
		if (thread != null) {
			thread.interrupt();
		}
	}

	@Override
	void awaitInterruptDelivered() {
		if (this.runner != Thread.currentThread()) {
			return;
		}
		// The canceller is between its compare-and-set and the end of its interrupt. That
		// interrupt woke this thread, and on a busy machine it often woke it on the
		// canceller's own CPU, pre-empting the canceller: spinning on would burn this
		// thread's time slice while the canceller waits for it. Give the CPU back.
		for (int spins = 0; isInterrupting(); spins++) {
			if (spins < SPINS_BEFORE_YIELD) {
				Thread.onSpinWait();
			}
			else {
				Thread.yield();
			}
		}
		// The interrupt was aimed at this task only: the pooled thread must not carry it
		// into the next task it runs.
		Thread.interrupted();
	}

}
