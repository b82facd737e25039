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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A task that starts an asynchronous call, typically of an {@code @Async} method, on the
 * owner's thread, and is supervised through the future that the call returns and through
 * the executor's worker that runs it.
 *
 * <p>
 * While the call starts, this task is the thread's {@linkplain #starting() starting
 * task}: an executor decorated by {@link AsyncSupervision} binds every work item that it
 * is handed then to this task as a {@link BoundWorker}, which the task can prevent from
 * starting or interrupt. The task ends when its future has completed and every bound
 * worker has ended. Without a bound worker, cancelling can only cancel the future.
 *
 * @param <T> the type of the task's value
 * @author parallel-tasks authors
 */
final class FutureRun<T> extends TaskRun<T> implements BiConsumer<Object, Throwable>, BoundWorker.Owner {

	private static final Log logger = LogFactory.getLog(ParallelTaskTemplate.class);

	private static final VarHandle PENDING;

	private static final VarHandle OUTCOME_TAKEN;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			PENDING = lookup.findVarHandle(FutureRun.class, "pending", int.class);
			OUTCOME_TAKEN = lookup.findVarHandle(FutureRun.class, "outcomeTaken", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final Supplier<? extends Future<? extends T>> call;

	private volatile Future<?> future;

	private volatile BoundWorker workers;

	/** The outcome, plus one for each bound worker that has not ended. */
	private volatile int pending = 1;

	private volatile boolean outcomeTaken;

	FutureRun(Batch batch, int index, String givenName, Supplier<? extends Future<? extends T>> call) {
		super(batch, index, givenName);
		this.call = call;
	}

	/**
	 * Start the call on the caller's thread, unless the batch was cancelled first.
	 */
	void start() {
		if (!tryStart()) {
			return;
		}
		recordStart();
		Future<?> started;
		try {
			started = BoundWorker.startCall(this, this.call);
		}
		catch (Throwable ex) {
			complete(null, ex);
			return;
		}
		if (started == null) {
			complete(null, new NullPointerException("Call '" + name() + "' returned null instead of a future"));
			return;
		}
		this.future = started;
		if (isInterruptAimedAt()) {
			// Cancelled while the call was starting, before the future was visible
			started.cancel(true);
		}
		if (started instanceof CompletableFuture<?> completable) {
			completable.whenComplete(this);
		}
		else if (this.workers == null) {
			started.cancel(true);
			complete(null,
					new IllegalStateException("Call '" + name() + "' returned a " + started.getClass().getName()
							+ ", which is not a CompletableFuture, from an executor that "
							+ "parallel-tasks does not supervise: its end cannot be observed"));
		}
		else {
			completeFromWorkers();
		}
	}

	@Override
	public boolean mayStart() {
		return this.batch.isOpen();
	}

	@Override
	public TaskRun<?> enterWorker() {
		return enter();
	}

	@Override
	public TaskContextPropagator.Scope restoreContext() {
		return this.batch.restoreContext();
	}

	@Override
	public Runnable bind(Runnable task) {
		BoundWorker worker = new BoundWorker(this, task, this.workers);
		PENDING.getAndAdd(this, 1);
		this.workers = worker;
		if (isInterruptAimedAt()) {
			worker.cancel();
		}
		return worker;
	}

	@Override
	public void accept(Object result, Throwable failure) {
		complete(result, failure);
	}

	@Override
	public void workerEnded() {
		completeFromWorkers();
		releasePart(false);
	}

	private void completeFromWorkers() {
		Future<?> started = this.future;
		if (started == null || started instanceof CompletableFuture || !started.isDone()) {
			return;
		}
		for (BoundWorker worker = this.workers; worker != null; worker = worker.next()) {
			if (!worker.hasEnded()) {
				return;
			}
		}
		try {
			complete(started.get(), null);
		}
		catch (ExecutionException ex) {
			complete(null, ex.getCause());
		}
		catch (Throwable ex) {
			complete(null, ex);
		}
	}

	private void complete(Object result, Throwable failure) {
		if (OUTCOME_TAKEN.compareAndSet(this, false, true)) {
			finish(result, failure);
		}
	}

	@Override
	void ended(int end) {
		recordEnd(end);
		releasePart(this.batch.taskOutcome(this, end));
	}

	private void releasePart(boolean wake) {
		if ((int) PENDING.getAndAdd(this, -1) == 1) {
			this.batch.release(wake);
		}
		else if (wake && this.batch.mustWakeOnCancel()) {
			this.batch.wakeOwner();
		}
	}

	@Override
	void interruptRun() {
		boolean interrupted = cancelWorkers();
		Future<?> started = this.future;
		if (started != null) {
			boolean running = !started.isDone();
			started.cancel(true);
			if (running && !interrupted && this.workers == null) {
				logger.warn("Call '" + name() + "' was cancelled, but no thread of it could be interrupted: its "
						+ "executor does not apply parallel-tasks' task decorator, so its work may still be running");
			}
		}
		// A worker prevented from running ended before its future was cancelled: nothing
		// else will see that the future is now done
		completeFromWorkers();
	}

	/**
	 * Prevent or interrupt the workers bound to this task, including those that still run
	 * after the task has ended, for instance when its supplier threw after starting a
	 * call.
	 * @return whether a worker was prevented or interrupted
	 */
	boolean cancelWorkers() {
		boolean cancelled = false;
		for (BoundWorker worker = this.workers; worker != null; worker = worker.next()) {
			cancelled |= worker.cancel();
		}
		return cancelled;
	}

	@Override
	boolean abandon() {
		boolean abandoned = super.abandon();
		for (BoundWorker worker = this.workers; worker != null; worker = worker.next()) {
			abandoned |= !worker.hasEnded();
		}
		return abandoned;
	}

}
