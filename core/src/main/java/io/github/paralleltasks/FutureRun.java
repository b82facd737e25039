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

import io.github.paralleltasks.context.TaskContextPropagator;
import io.github.paralleltasks.metrics.BatchRecording;
import org.jspecify.annotations.Nullable;

/**
 * A task that starts an asynchronous call, typically of an {@code @Async} method, on the
 * owner's thread, and is supervised through the future that the call returns and through
 * the executor's worker that runs it.
 *
 * <p>
 * While the call starts, this task is the thread's {@linkplain BoundWorker#starting()
 * starting owner}: an executor decorated by {@link AsyncSupervision} binds every work
 * item that it is handed then to this task as a {@link BoundWorker}, which the task can
 * prevent from starting or stop. The outcome is decided when the future completes
 * ({@code COMPLETING}); the task ends when, besides, every bound worker has ended, so a
 * task whose worker is still running is never reported as ended. Without a bound worker,
 * cancelling can only cancel the future.
 *
 * @param <T> the type of the task's value
 * @author parallel-tasks authors
 */
final class FutureRun<T> extends TaskRun<T> implements BiConsumer<Object, Throwable>, BoundWorker.Owner {

	private static final VarHandle OUTCOME_TAKEN;

	static {
		try {
			OUTCOME_TAKEN = MethodHandles.lookup().findVarHandle(FutureRun.class, "outcomeTaken", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final AsyncCall<? extends T> call;

	private final BoundWorkers workers = new BoundWorkers();

	/** The outcome, plus one for each bound worker that has not ended. */
	private final PartCount parts = new PartCount(1);

	/** Set by the owner once the call has returned its future. */
	private volatile @Nullable Future<?> future;

	/** Set once, by compare-and-set, by the thread that takes the outcome. */
	private volatile boolean outcomeTaken;

	/** Written by the thread that takes the outcome, before its part arrives. */
	private int end;

	FutureRun(Batch batch, int index, @Nullable String givenName, AsyncCall<? extends T> call) {
		super(batch, index, givenName, TaskSpec.timeoutOf(call));
		this.call = call;
	}

	@Override
	Object work() {
		return this.call;
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
			started = BoundWorker.startCall(this, this.call::call);
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
		else if (this.workers.isEmpty()) {
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
	public boolean mayStartWorker() {
		return this.batch.isOpen();
	}

	@Override
	public TaskRun<?> ownerTask() {
		return this;
	}

	/**
	 * Set the caller's context on a worker of the call, and make the task's own context
	 * current there (its span, with a tracer), so that the call's work runs in its task
	 * as a {@code Callable} of a batch does.
	 */
	@Override
	public TaskContextPropagator.@Nullable Scope restoreContext() {
		TaskContextPropagator.Scope caller = this.batch.restoreContext();
		TaskContextPropagator.Scope task = recording().openScope();
		if (task == BatchRecording.NO_SCOPE) {
			return caller;
		}
		return () -> {
			task.close();
			if (caller != null) {
				caller.close();
			}
		};
	}

	@Override
	public Runnable bind(Runnable work) {
		// Counted before it can be seen, or its end could be taken for the task's last
		// part
		this.parts.add(1);
		BoundWorker worker = this.workers.bind(this, work);
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
		arrive(false);
	}

	private void completeFromWorkers() {
		Future<?> started = this.future;
		if (started == null || started instanceof CompletableFuture || !started.isDone() || !this.workers.allEnded()) {
			return;
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

	/**
	 * Take the call's outcome, once: decide the end state and tell the batch, which
	 * cancels the siblings on a fatal error at once, whether or not a worker still runs.
	 */
	private void complete(@Nullable Object result, @Nullable Throwable failure) {
		if (!OUTCOME_TAKEN.compareAndSet(this, false, true)) {
			return;
		}
		boolean cancelled = !compareAndSetState(RUNNING, COMPLETING);
		if (cancelled && !endAfterCancel(COMPLETING)) {
			outcome(result, failure);
			endedAfterAbandon();
			return;
		}
		int decided = outcome(result, failure);
		this.end = cancelled ? outcomeAfterCancel(decided) : decided;
		arrive(this.batch.taskOutcome(this, this.end));
	}

	private void arrive(boolean cancelledBatch) {
		if (!this.parts.arrive()) {
			if (cancelledBatch) {
				BatchWait.wakeOnCancel(this.batch);
			}
			return;
		}
		int ended = this.end;
		if (compareAndSetState(COMPLETING, ended)) {
			recordEnd(ended);
			this.batch.release(cancelledBatch);
		}
		else {
			// Abandoned while its last worker still ran
			endedAfterAbandon();
		}
	}

	@Override
	void interruptRun() {
		boolean stopped = this.workers.cancelAll();
		Future<?> started = this.future;
		if (started != null) {
			boolean running = !started.isDone();
			started.cancel(true);
			if (running && !stopped && this.workers.isEmpty()) {
				TaskLogs.SUPERVISION.warn("Call '" + name()
						+ "' was cancelled, but no thread of it could be interrupted: its "
						+ "executor does not apply parallel-tasks' task decorator, so its work may still be running");
			}
		}
		// A worker prevented from running ended before its future was cancelled: nothing
		// else will see that the future is now done
		completeFromWorkers();
	}

	/**
	 * Cancel this task for its batch; if its outcome is decided already, stop the workers
	 * that still run, for instance when its supplier threw after starting a call.
	 */
	@Override
	boolean cancelForBatch() {
		if (super.cancelForBatch()) {
			return true;
		}
		this.workers.cancelAll();
		return false;
	}

}
