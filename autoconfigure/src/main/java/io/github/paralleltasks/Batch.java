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
import java.util.concurrent.locks.LockSupport;

/**
 * A supervised batch of sibling tasks, owned by the thread that created it. Tasks are
 * added by the owner only; they end on their own threads, and the one that ends last
 * wakes the owner. The first fatal error cancels the siblings on the thread that met it,
 * without waiting for the owner to wake up.
 *
 * @author parallel-tasks authors
 */
final class Batch {

	static final int OPEN = 0;

	static final int FATAL = 1;

	static final int TIMED_OUT = 2;

	static final int INTERRUPTED = 3;

	static final int CLOSED = 4;

	private static final long MIN_POLL_NANOS = 1_000_000L;

	private static final VarHandle STATE;

	private static final VarHandle REMAINING;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			STATE = lookup.findVarHandle(Batch.class, "state", int.class);
			REMAINING = lookup.findVarHandle(Batch.class, "remaining", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final ParallelTaskTemplate template;

	private final Thread owner;

	private final TaskRun<?> parent;

	private final long startNanos;

	private final Duration timeout;

	private final long deadline;

	private final TaskContextPropagator.CapturedContext context;

	final BatchRecording recording;

	private volatile int state;

	private volatile int remaining;

	private volatile Thread waiter;

	private final BatchFailures failures;

	/** When the batch stopped being OPEN, by {@link System#nanoTime()}, or 0. */
	private volatile long cancelledAt;

	private volatile TaskRun<?>[] tasks;

	private volatile int size;

	/** How many tasks the owner counted in {@code remaining} before adding them. */
	private final int reserved;

	Batch(ParallelTaskTemplate template, Duration timeout, int expectedSize) {
		this.template = template;
		this.failures = new BatchFailures(template);
		this.owner = Thread.currentThread();
		this.parent = TaskRun.current();
		this.startNanos = System.nanoTime();
		this.timeout = timeout;
		this.deadline = (timeout != null) ? this.startNanos + timeout.toNanos() : 0L;
		this.tasks = new TaskRun<?>[Math.max(expectedSize, 2)];
		// Count the tasks known in advance at once, not one contended increment each
		this.reserved = expectedSize;
		this.remaining = expectedSize;
		this.context = template.getContextPropagator().capture();
		this.recording = template.getMetrics().batchStarted(template.getBatchName(), expectedSize);
	}

	/**
	 * Set the context captured from the owner on the current thread.
	 * @return the scope to close when the task ends, or {@code null}
	 */
	TaskContextPropagator.Scope restoreContext() {
		return (this.context != null) ? this.context.restore() : null;
	}

	boolean isOpen() {
		return this.state == OPEN;
	}

	/**
	 * Return whether this batch, or a batch that one of its ancestors belongs to, has
	 * been cancelled.
	 */
	boolean isCancelled() {
		return this.state != OPEN || (this.parent != null && this.parent.isCancelled());
	}

	boolean isFatal(Throwable exception) {
		return this.template.getFatalErrorPolicy().isFatal(exception);
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
			REMAINING.getAndAdd(this, 1);
		}
		this.size = index + 1;
		int cancelled = this.state;
		if (cancelled != OPEN && run.cancel()) {
			// The batch was cancelled while this task was being added: it must not start,
			// and it counts as cancelled like the tasks that cancelTasks reached
			this.template.getMetrics().tasksCancelled(this.template.getBatchName(), cancelReason(cancelled), 1);
		}
	}

	private static CancelReason cancelReason(int state) {
		return switch (state) {
			case FATAL -> CancelReason.FATAL;
			case TIMED_OUT -> CancelReason.TIMEOUT;
			case INTERRUPTED -> CancelReason.INTERRUPTED;
			default -> CancelReason.CLOSED;
		};
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
		boolean wake = taskOutcome(run, end);
		release(wake);
	}

	/**
	 * Called once for each task, when it reaches its end state: count and log a failure,
	 * and cancel the siblings on the first fatal error.
	 * @return {@code true} if this task cancelled the batch
	 */
	boolean taskOutcome(TaskRun<?> run, int end) {
		if (end == TaskRun.FAILED) {
			this.failures.tolerated(run);
		}
		else if (end == TaskRun.FATAL) {
			return fatal(run);
		}
		return false;
	}

	/**
	 * Called once for each task, when nothing of it runs any more; wakes the owner when
	 * it was the last one, or when asked to.
	 */
	void release(boolean wake) {
		if ((int) REMAINING.getAndAdd(this, -1) == 1 || (wake && mustWakeOnCancel())) {
			wakeOwner();
		}
	}

	/**
	 * Return whether the owner must be woken when another thread cancels the batch. It
	 * need not be, as a rule: it wakes when the last task ends, and at the latest after a
	 * grace period (see {@link #awaitTasks()}), so the grace period is kept without an
	 * extra wake-up competing with the cancelled tasks for the CPU. Only a grace period
	 * too short to poll at needs the wake-up.
	 */
	boolean mustWakeOnCancel() {
		return this.template.getCancelGracePeriodNanos() < MIN_POLL_NANOS;
	}

	void wakeOwner() {
		Thread waiting = this.waiter;
		if (waiting != null) {
			LockSupport.unpark(waiting);
		}
	}

	/**
	 * Called when a task that was abandoned after the grace period finally ends.
	 */
	void taskEndedAfterAbandon(TaskRun<?> run, Throwable exception) {
		run.recordEnd(TaskRun.CANCELLED);
		this.failures.endedAfterAbandon(run, exception);
	}

	private boolean fatal(TaskRun<?> run) {
		this.failures.fatal(run);
		if (STATE.compareAndSet(this, OPEN, FATAL)) {
			this.cancelledAt = System.nanoTime() | 1L;
			this.failures.first(run);
			cancelTasks(CancelReason.FATAL, run);
			return true;
		}
		this.failures.later(run.exception());
		return false;
	}

	/**
	 * Cancel every task that has not ended, unless the batch was already cancelled.
	 * @return {@code true} if this call cancelled the batch
	 */
	boolean cancel(int reasonState, CancelReason reason) {
		if (!STATE.compareAndSet(this, OPEN, reasonState)) {
			return false;
		}
		this.cancelledAt = System.nanoTime() | 1L;
		cancelTasks(reason, null);
		return true;
	}

	private void cancelTasks(CancelReason reason, TaskRun<?> except) {
		// The state is no longer OPEN, so no task can start from here on: now stop the
		// ones that have started.
		int count = 0;
		int known = this.size;
		TaskRun<?>[] current = this.tasks;
		for (int i = 0; i < known; i++) {
			TaskRun<?> run = current[i];
			if (run == except) {
				continue;
			}
			if (run.cancel()) {
				count++;
			}
			else if (run instanceof FutureRun<?> call) {
				// Ended, but a call it started may still run
				call.cancelWorkers();
			}
		}
		if (count > 0) {
			this.template.getMetrics().tasksCancelled(this.template.getBatchName(), reason, count);
		}
	}

	/**
	 * Wait, on the owner's thread, until every task has ended, cancelling them on timeout
	 * or interrupt, and for at most the grace period once the batch was cancelled.
	 * @return whether the owner was interrupted while it waited
	 */
	boolean awaitTasks() {
		boolean interrupted = false;
		long grace = this.template.getCancelGracePeriodNanos();
		// A cancel by another thread does not wake the owner: it looks at least once per
		// grace period, so that it still returns once the grace period has passed
		// (a grace period too short to poll at is kept by waking the owner instead)
		long poll = mustWakeOnCancel() ? Long.MAX_VALUE : grace;
		if (this.parent != null && this.deadline == 0L) {
			runUnstartedTasks();
		}
		this.waiter = this.owner;
		try {
			while (this.remaining > 0) {
				if (this.parent != null && this.state == OPEN && this.parent.isCancelled()) {
					cancel(INTERRUPTED, CancelReason.INTERRUPTED);
				}
				long now = System.nanoTime();
				if (this.state != OPEN) {
					long left = cancelledAt() + grace - now;
					if (left <= 0L) {
						abandonUnfinished();
						break;
					}
					LockSupport.parkNanos(this, left);
				}
				else if (this.deadline != 0L) {
					long left = this.deadline - now;
					if (left <= 0L) {
						cancel(TIMED_OUT, CancelReason.TIMEOUT);
						continue;
					}
					LockSupport.parkNanos(this, Math.min(left, poll));
				}
				else {
					LockSupport.parkNanos(this, poll);
				}
				if (Thread.interrupted()) {
					interrupted = true;
					cancel(INTERRUPTED, CancelReason.INTERRUPTED);
				}
			}
		}
		finally {
			this.waiter = null;
		}
		return interrupted;
	}

	private long cancelledAt() {
		long at = this.cancelledAt;
		for (int attempt = 0; at == 0L; attempt++) {
			// The state is set a moment before the time is
			TaskRun.backOff(attempt);
			at = this.cancelledAt;
		}
		return at;
	}

	/**
	 * Run, on the owner's thread, the tasks that no worker has started yet. Only a nested
	 * batch does so: its owner is itself a worker of a pool, and waiting idle for tasks
	 * queued behind it in the same pool could starve the pool for ever. Tasks run last to
	 * first, since the last ones are the furthest back in the executor's queue.
	 */
	private void runUnstartedTasks() {
		TaskRun<?>[] current = this.tasks;
		for (int i = this.size - 1; i >= 0 && this.state == OPEN; i--) {
			if (current[i] instanceof CallableRun<?> run && run.isNew()) {
				run.run();
			}
		}
	}

	private void abandonUnfinished() {
		int known = this.size;
		TaskRun<?>[] current = this.tasks;
		Duration grace = Duration.ofNanos(this.template.getCancelGracePeriodNanos());
		for (int i = 0; i < known; i++) {
			TaskRun<?> run = current[i];
			if (run.abandon()) {
				this.failures.abandoned(run, grace);
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
		cancel(CLOSED, CancelReason.CLOSED);
		if (awaitTasks()) {
			Thread.currentThread().interrupt();
		}
		if (this.state != FATAL) {
			record(BatchOutcome.CANCELLED, null);
			return null;
		}
		FatalTaskException fatal = this.failures.fatalException(new ParallelResult<>(this.tasks, this.size));
		record(BatchOutcome.FATAL, fatal);
		return fatal;
	}

	/**
	 * Wait for every task, then return the result or throw what ended the batch.
	 */
	<T> ParallelResult<T> join() {
		boolean interrupted = awaitTasks();
		return complete(interrupted);
	}

	<T> ParallelResult<T> complete(boolean interrupted) {
		ParallelResult<T> result = new ParallelResult<>(this.tasks, this.size);
		if (this.parent != null && this.parent.isCancelled() && cancel(INTERRUPTED, CancelReason.INTERRUPTED)) {
			// The enclosing task was cancelled while this batch's tasks ended: so is this
			// batch. The interrupt aimed at the enclosing task may have been used up by a
			// task that the owner ran itself: set it again, for that task to clear.
			interrupted |= this.parent.isInterruptAimedAt();
		}
		int ended = this.state;
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		if (ended == OPEN) {
			record(result.isComplete() ? BatchOutcome.SUCCESS : BatchOutcome.PARTIAL, null);
			return result;
		}
		ParallelTaskException exception;
		BatchOutcome outcome;
		if (ended == FATAL) {
			outcome = BatchOutcome.FATAL;
			exception = this.failures.fatalException(result);
		}
		else if (ended == TIMED_OUT) {
			outcome = BatchOutcome.TIMEOUT;
			exception = this.failures.timeoutException(this.timeout, result);
		}
		else {
			outcome = BatchOutcome.CANCELLED;
			exception = this.failures.interruptedException(result);
		}
		record(outcome, exception);
		throw exception;
	}

	void record(BatchOutcome outcome, Throwable error) {
		this.recording.batchEnded(outcome, error);
	}

}
