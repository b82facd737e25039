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

import io.github.paralleltasks.context.TaskContextPropagator;
import org.jspecify.annotations.Nullable;

/**
 * A work item that an executor was handed while an asynchronous call started: the thread
 * behind an {@code @Async} method. Its {@link CancelGate} decides, as a task's does, that
 * it either never runs or runs and can be stopped, and clears an interrupt aimed at it
 * before its pooled thread moves on. Code that it runs registers its
 * {@linkplain ParallelTaskTemplate#onCancel(AutoCloseable) cancellation hooks} with it.
 *
 * @author parallel-tasks authors
 */
final class BoundWorker extends CancelGate implements Runnable {

	/** The only end state: it ran, or it was kept from running. */
	static final int ENDED = FIRST_END;

	private static final ThreadLocal<Owner> STARTING = new ThreadLocal<>();

	private final Owner owner;

	private final Runnable work;

	/** The worker bound before this one to the same call, or {@code null}. */
	final @Nullable BoundWorker next;

	BoundWorker(Owner owner, Runnable work, @Nullable BoundWorker next) {
		this.owner = owner;
		this.work = work;
		this.next = next;
	}

	/**
	 * Start a call on the current thread, binding to the given owner every work item that
	 * a supervised executor is handed meanwhile.
	 * @param <F> the type of the call's result
	 * @param <E> the type of what the call may throw
	 * @param owner the owner of the workers
	 * @param call the call
	 * @return what the call returned
	 * @throws E what the call threw
	 */
	static <F, E extends Exception> F startCall(Owner owner, Start<F, E> call) throws E {
		Owner previous = STARTING.get();
		STARTING.set(owner);
		try {
			return call.start();
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

	boolean hasEnded() {
		return rawState() == ENDED;
	}

	@Override
	@Nullable TaskRun<?> task() {
		return this.owner.ownerTask();
	}

	@Override
	int cancelledState() {
		return ENDED;
	}

	@Override
	void prevented() {
		this.owner.workerEnded();
	}

	@Override
	boolean mayStart() {
		return this.owner.mayStartWorker();
	}

	@Override
	public void run() {
		if (!tryRun()) {
			if (isNew()) {
				// May not start: its task may have ended already, and then nothing else
				// cancels it
				cancel();
			}
			return;
		}
		CancelGate previous = enter();
		TaskContextPropagator.Scope context = this.owner.restoreContext();
		try {
			this.work.run();
		}
		finally {
			leave(previous, context);
			if (!tryEnd(ENDED)) {
				awaitInterrupt();
				endAfterCancel(ENDED);
			}
			this.owner.workerEnded();
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
		boolean mayStartWorker();

		/**
		 * Bind a work item that the executor was handed while the call started.
		 */
		Runnable bind(Runnable work);

		/**
		 * Return the task of a batch that the owner is, if any.
		 */
		@Nullable TaskRun<?> ownerTask();

		/**
		 * Set the caller's captured context on the worker's thread.
		 * @return the scope to close, or {@code null}
		 */
		TaskContextPropagator.@Nullable Scope restoreContext();

		/**
		 * Called when a bound worker has ended, whether it ran or not.
		 */
		void workerEnded();

	}

	/**
	 * The start of a call, which may throw what its type says.
	 *
	 * @param <F> the type of the call's result
	 * @param <E> the type of what the call may throw
	 */
	@FunctionalInterface
	interface Start<F, E extends Exception> {

		F start() throws E;

	}

}
