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
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

import io.github.paralleltasks.context.TaskContextPropagator;
import io.github.paralleltasks.metrics.BatchOutcome;
import io.github.paralleltasks.metrics.BatchRecording;
import io.github.paralleltasks.metrics.CancelReason;

/**
 * A supervised batch of sibling tasks, owned by the thread that created it. Tasks are
 * added by the owner only; they end on their own threads, and the one that ends last
 * wakes the owner. The first fatal error cancels the siblings on the thread that met it,
 * without waiting for the owner to wake up.
 *
 * @author parallel-tasks authors
 */
final class Batch {

	private static final long MIN_POLL_NANOS = 1_000_000L;

	private static final VarHandle CANCELLATION;

	static {
		try {
			CANCELLATION = MethodHandles.lookup().findVarHandle(Batch.class, "cancellation", Cancellation.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final BatchSettings settings;

	private final Thread owner;

	/** The task that the owner runs for an enclosing batch, or {@code null}. */
	private final TaskRun<?> parent;

	private final Duration timeout;

	private final long deadline;

	private final TaskContextPropagator.CapturedContext context;

	final BatchRecording recording;

	private final BatchFailures failures;

	/** The tasks that have not ended; the last one wakes the owner. */
	private final PartCount remaining;

	/** How many tasks the owner counted in {@code remaining} before adding them. */
	private final int reserved;

	/** Why and when the batch was cancelled; {@code null} while it is open. Set once. */
	private volatile Cancellation cancellation;

	/** Written by the owner only; read by any thread up to {@code size}. */
	private volatile TaskRun<?>[] tasks;

	/** Written by the owner only, after the task at that index is in {@code tasks}. */
	private volatile int size;

	Batch(BatchSettings settings, Duration timeout, int expectedSize) {
		this.settings = settings;
		this.failures = new BatchFailures(settings);
		this.owner = Thread.currentThread();
		this.parent = TaskRun.current();
		this.timeout = timeout;
		this.deadline = (timeout != null) ? System.nanoTime() + timeout.toNanos() : 0L;
		this.tasks = new TaskRun<?>[Math.max(expectedSize, 2)];
		// Count the tasks known in advance at once, not one contended increment each
		this.reserved = expectedSize;
		this.remaining = new PartCount(expectedSize);
		this.context = settings.contextPropagator().capture();
		this.recording = settings.metrics().batchStarted(settings.name(), expectedSize);
		settings.registry().opened(this);
	}

	/**
	 * Set the context captured from the owner on the current thread.
	 * @return the scope to close when the task ends, or {@code null}
	 */
	TaskContextPropagator.Scope restoreContext() {
		return (this.context != null) ? this.context.restore() : null;
	}

	boolean isOpen() {
		return this.cancellation == null;
	}

	/**
	 * Return whether this batch, or a batch that one of its ancestors belongs to, has
	 * been cancelled.
	 */
	boolean isCancelled() {
		return this.cancellation != null || (this.parent != null && this.parent.isCancelled());
	}

	boolean isFatal(Throwable exception) {
		return this.settings.fatalErrorPolicy().isFatal(exception);
	}

	int size() {
		return this.size;
	}

	/**
	 * Add a task and run it on the executor. Called by the owner only.
	 */
	<T> void fork(CallableRun<T> run, Executor executor) {
		add(run);
		submit(run, executor);
	}

	/**
	 * Add every task of a batch whose size was given in advance, then run them on the
	 * executor. Called by the owner only. The tasks are published once, before any
	 * starts, so that the owner does not write to the batch while its tasks run.
	 * @param callables the tasks, as many as the batch's expected size
	 */
	void forkAll(Object[] callables, Executor executor) {
		checkOwner();
		TaskRun<?>[] current = this.tasks;
		for (int i = 0; i < callables.length; i++) {
			Callable<?> callable = (Callable<?>) callables[i];
			current[i] = new CallableRun<>(this, i, CallableRun.nameOf(callable), callable);
		}
		this.size = callables.length;
		cancelIfCancelled(0, callables.length);
		for (int i = 0; i < callables.length; i++) {
			submit((CallableRun<?>) current[i], executor);
		}
	}

	private void submit(CallableRun<?> run, Executor executor) {
		if (!run.isNew()) {
			// Cancelled before it was submitted: no need to queue a no-op behind the
			// batch
			return;
		}
		try {
			executor.execute(run);
		}
		catch (Throwable ex) {
			// The executor refused it: that is this task's failure, classified like any
			// other
			if (run.tryStart()) {
				run.finish(null, ex);
			}
		}
		// A synchronous executor (a SyncTaskExecutor in tests) has run the task on this
		// thread by now, and the owner cannot wait for the deadline: keep it between
		// tasks
		if (this.deadline != 0L && System.nanoTime() - this.deadline >= 0L) {
			cancel(CancelReason.TIMEOUT, null);
		}
	}

	/**
	 * Add a task and start its call on the owner's thread.
	 */
	<T> void forkAsync(FutureRun<T> run) {
		add(run);
		run.start();
	}

	private void add(TaskRun<?> run) {
		checkOwner();
		int index = this.size;
		TaskRun<?>[] current = this.tasks;
		if (index == current.length) {
			current = Arrays.copyOf(current, index * 2);
			this.tasks = current;
		}
		current[index] = run;
		if (index >= this.reserved) {
			this.remaining.add(1);
		}
		this.size = index + 1;
		cancelIfCancelled(index, index + 1);
	}

	/**
	 * Cancel the tasks just added, if the batch was cancelled meanwhile, by another
	 * thread that may not have seen them: they must not start, and they count as
	 * cancelled like the tasks that {@link #cancel} reached. Called by the owner after it
	 * published the tasks.
	 */
	private void cancelIfCancelled(int from, int to) {
		Cancellation cancelled = this.cancellation;
		if (cancelled != null) {
			cancelTasks(cancelled, from, to);
		}
	}

	void checkOwner() {
		if (Thread.currentThread() != this.owner) {
			throw new IllegalStateException("Current thread " + Thread.currentThread().getName()
					+ " is not the owner of this batch, " + this.owner.getName());
		}
	}

	/**
	 * Called once for each task, when it reaches its end state and nothing of it runs any
	 * more.
	 */
	void taskEnded(TaskRun<?> run, int end) {
		release(taskOutcome(run, end));
	}

	/**
	 * Called once for each task, when its outcome is known: count and log a failure, and
	 * cancel the siblings on the first fatal error.
	 * @return {@code true} if this task cancelled the batch
	 */
	boolean taskOutcome(TaskRun<?> run, int end) {
		if (end == TaskRun.FAILED) {
			this.failures.tolerated(run);
		}
		else if (end == TaskRun.FATAL) {
			this.failures.fatal(run);
			if (cancel(CancelReason.FATAL, run)) {
				return true;
			}
			this.failures.later(run.thrown());
		}
		return false;
	}

	/**
	 * Called once for each task, when nothing of it runs any more; wakes the owner when
	 * it was the last one.
	 * @param cancelledBatch whether the task cancelled the batch
	 */
	void release(boolean cancelledBatch) {
		if (!this.remaining.arrive() && cancelledBatch) {
			wakeOnCancel();
		}
	}

	/**
	 * Wake the owner after another thread cancelled the batch, if it must be. It need not
	 * be, as a rule: it wakes when the last task ends, and at the latest after a grace
	 * period (see {@link #awaitTasks()}), so the grace period is kept without an extra
	 * wake-up competing with the cancelled tasks for the CPU. Only a grace period too
	 * short to poll at needs the wake-up.
	 */
	void wakeOnCancel() {
		if (mustWakeOnCancel()) {
			this.remaining.wake();
		}
	}

	private boolean mustWakeOnCancel() {
		return this.settings.cancelGracePeriodNanos() < MIN_POLL_NANOS;
	}

	/**
	 * Called when a task that was abandoned after the grace period finally ends.
	 */
	void taskEndedAfterAbandon(TaskRun<?> run, Throwable exception) {
		run.recordEnd(TaskRun.CANCELLED);
		this.failures.endedAfterAbandon(run, exception);
	}

	/**
	 * Cancel every task that has not ended, unless the batch was already cancelled.
	 * @param reason why
	 * @param fatalTask the task whose fatal error cancels the batch, or {@code null}
	 * @return {@code true} if this call cancelled the batch
	 */
	boolean cancel(CancelReason reason, TaskRun<?> fatalTask) {
		if (!CANCELLATION.compareAndSet(this, null, Cancellation.now(reason, fatalTask))) {
			return false;
		}
		// The batch is no longer open, so no task can start from here on: now stop the
		// ones that have started.
		cancelTasks(this.cancellation, 0, this.size);
		return true;
	}

	private void cancelTasks(Cancellation cancelled, int from, int to) {
		int count = 0;
		TaskRun<?>[] current = this.tasks;
		for (int i = from; i < to; i++) {
			TaskRun<?> run = current[i];
			if (run != cancelled.fatalTask() && run.cancelForBatch()) {
				count++;
			}
		}
		if (count > 0) {
			this.settings.metrics().tasksCancelled(this.settings.name(), cancelled.reason(), count);
		}
	}

	/**
	 * Wait, on the owner's thread, until every task has ended, cancelling them on timeout
	 * or interrupt, and for at most the grace period once the batch was cancelled.
	 * @return whether the owner was interrupted while it waited
	 */
	boolean awaitTasks() {
		boolean interrupted = false;
		long grace = this.settings.cancelGracePeriodNanos();
		// A cancel by another thread does not wake the owner: it looks at least once per
		// grace period, so that it still returns once the grace period has passed
		// (a grace period too short to poll at is kept by waking the owner instead)
		long poll = mustWakeOnCancel() ? Long.MAX_VALUE : grace;
		if (this.parent != null && this.deadline == 0L) {
			runUnstartedTasks();
		}
		this.remaining.beginWait();
		try {
			while (!this.remaining.isZero()) {
				if (this.parent != null && isOpen() && this.parent.isCancelled()) {
					cancel(CancelReason.INTERRUPTED, null);
				}
				long now = System.nanoTime();
				Cancellation cancelled = this.cancellation;
				if (cancelled != null) {
					long left = cancelled.nanoTime() + grace - now;
					if (left <= 0L) {
						abandonUnfinished();
						break;
					}
					this.remaining.park(this, left);
				}
				else if (this.deadline != 0L) {
					long left = this.deadline - now;
					if (left <= 0L) {
						cancel(CancelReason.TIMEOUT, null);
						continue;
					}
					this.remaining.park(this, Math.min(left, poll));
				}
				else {
					this.remaining.park(this, poll);
				}
				if (Thread.interrupted()) {
					interrupted = true;
					cancel(CancelReason.INTERRUPTED, null);
				}
			}
		}
		finally {
			this.remaining.endWait();
		}
		return interrupted;
	}

	/**
	 * Run, on the owner's thread, the tasks that no worker has started yet. Only a nested
	 * batch does so: its owner is itself a worker of a pool, and waiting idle for tasks
	 * queued behind it in the same pool could starve the pool for ever. Tasks run last to
	 * first, since the last ones are the furthest back in the executor's queue.
	 */
	private void runUnstartedTasks() {
		TaskRun<?>[] current = this.tasks;
		for (int i = this.size - 1; i >= 0 && !isCancelled(); i--) {
			if (current[i] instanceof CallableRun<?> run && run.isNew()) {
				run.run();
			}
		}
	}

	private void abandonUnfinished() {
		int known = this.size;
		TaskRun<?>[] current = this.tasks;
		for (int i = 0; i < known; i++) {
			TaskRun<?> run = current[i];
			if (run.abandon()) {
				this.failures.abandoned(run);
			}
		}
	}

	/**
	 * Close a scope that was left without a join: cancel the tasks that have not ended
	 * and wait for them.
	 * @return the fatal exception that a task had thrown, which must not be lost, or
	 * {@code null}
	 */
	FatalTaskException close() {
		cancel(CancelReason.CLOSED, null);
		if (awaitTasks()) {
			Thread.currentThread().interrupt();
		}
		Cancellation cancelled = this.cancellation;
		if (cancelled.reason() != CancelReason.FATAL) {
			record(BatchOutcome.CANCELLED, null);
			return null;
		}
		FatalTaskException fatal = this.failures.fatalException(cancelled.fatalTask(), result());
		record(BatchOutcome.FATAL, fatal);
		return fatal;
	}

	/**
	 * Wait for every task, then return the result or throw what ended the batch.
	 */
	<T> ParallelResult<T> join() {
		return complete(awaitTasks());
	}

	private <T> ParallelResult<T> complete(boolean interrupted) {
		ParallelResult<T> result = result();
		if (this.parent != null && this.parent.isCancelled() && cancel(CancelReason.INTERRUPTED, null)) {
			// The enclosing task was cancelled while this batch's tasks ended: so is this
			// batch. The interrupt aimed at the enclosing task may have been used up by a
			// task that the owner ran itself: set it again, for that task to clear.
			interrupted |= this.parent.isInterruptAimedAt();
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		Cancellation cancelled = this.cancellation;
		if (cancelled == null) {
			record(result.isComplete() ? BatchOutcome.SUCCESS : BatchOutcome.PARTIAL, null);
			return result;
		}
		ParallelTaskException exception = switch (cancelled.reason()) {
			case FATAL -> this.failures.fatalException(cancelled.fatalTask(), result);
			case TIMEOUT -> this.failures.timeoutException(this.timeout, result);
			case SHUTDOWN -> this.failures.shutdownException(result);
			default -> this.failures.interruptedException(result);
		};
		record(outcome(cancelled.reason()), exception);
		throw exception;
	}

	private static BatchOutcome outcome(CancelReason reason) {
		return switch (reason) {
			case FATAL -> BatchOutcome.FATAL;
			case TIMEOUT -> BatchOutcome.TIMEOUT;
			default -> BatchOutcome.CANCELLED;
		};
	}

	private <T> ParallelResult<T> result() {
		return new ParallelResult<>(this.tasks, this.size);
	}

	private void record(BatchOutcome outcome, Throwable error) {
		this.settings.registry().ended(this);
		this.recording.batchEnded(outcome, error);
	}

}
