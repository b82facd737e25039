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

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Supplier;

/**
 * A work item that an executor was handed while a {@link FutureRun} started its call: the
 * thread behind an {@code @Async} method. Like a task, it has one atomic state, so that
 * it either never runs or runs and can be interrupted, and an interrupt aimed at it is
 * cleared before its pooled thread moves on.
 *
 * @author parallel-tasks authors
 */
final class BoundWorker implements Runnable {

	private static final int NEW = 0;

	private static final int RUNNING = 1;

	private static final int INTERRUPTING = 2;

	private static final int INTERRUPTED = 3;

	private static final int ENDED = 4;

	private static final VarHandle STATE;

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(BoundWorker.class, "state", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private static final ThreadLocal<Owner> STARTING = new ThreadLocal<>();

	private final Owner owner;

	private final Runnable task;

	private final BoundWorker next;

	private volatile int state;

	private Thread runner;

	BoundWorker(Owner owner, Runnable task, BoundWorker next) {
		this.owner = owner;
		this.task = task;
		this.next = next;
	}

	/**
	 * Start a call on the current thread, binding to the given owner every work item that
	 * a supervised executor is handed meanwhile.
	 * @param <F> the type of the call's result
	 * @param owner the owner of the workers
	 * @param call the call
	 * @return what the call returned
	 */
	static <F> F startCall(Owner owner, Supplier<F> call) {
		Owner previous = STARTING.get();
		STARTING.set(owner);
		try {
			return call.get();
		}
		finally {
			STARTING.set(previous);
		}
	}

	/**
	 * Return the owner of the call that the current thread is starting, if any.
	 */
	static Owner starting() {
		return STARTING.get();
	}

	BoundWorker next() {
		return this.next;
	}

	boolean hasEnded() {
		return this.state == ENDED;
	}

	@Override
	public void run() {
		this.runner = Thread.currentThread();
		if (!this.owner.mayStart()) {
			// Its task may have ended already, and then nothing else cancels it
			cancel();
			return;
		}
		if (!STATE.compareAndSet(this, NEW, RUNNING)) {
			return;
		}
		TaskRun<?> previous = this.owner.enterWorker();
		TaskContextPropagator.Scope context = this.owner.restoreContext();
		try {
			this.task.run();
		}
		finally {
			TaskRun.leave(previous, context);
			if (!STATE.compareAndSet(this, RUNNING, ENDED)) {
				for (int attempt = 0; this.state == INTERRUPTING; attempt++) {
					TaskRun.backOff(attempt);
				}
				Thread.interrupted();
				this.state = ENDED;
			}
			this.owner.workerEnded();
		}
	}

	/**
	 * Prevent this worker from running, or interrupt it if it runs.
	 * @return {@code true} if the worker will not run or was interrupted
	 */
	boolean cancel() {
		for (;;) {
			int current = this.state;
			if (current == NEW) {
				if (STATE.compareAndSet(this, NEW, ENDED)) {
					this.owner.workerEnded();
					return true;
				}
			}
			else if (current == RUNNING) {
				if (STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
					this.runner.interrupt();
					this.state = INTERRUPTED;
					return true;
				}
			}
			else {
				return false;
			}
		}
	}

	/**
	 * What a bound worker belongs to: a task of a batch, or a call made interruptible
	 * outside any batch.
	 */
	interface Owner {

		/**
		 * Return whether a worker that has not started yet may start.
		 */
		boolean mayStart();

		/**
		 * Bind a work item that the executor was handed while the call started.
		 */
		Runnable bind(Runnable task);

		/**
		 * Make the owner's task, if any, the worker thread's current task.
		 * @return the task that was current before
		 */
		TaskRun<?> enterWorker();

		/**
		 * Set the caller's captured context on the worker's thread.
		 * @return the scope to close, or {@code null}
		 */
		TaskContextPropagator.Scope restoreContext();

		/**
		 * Called when a bound worker has ended, whether it ran or not.
		 */
		void workerEnded();

	}

}
