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

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import io.github.paralleltasks.metrics.CancelReason;

/**
 * How the owner of a {@link Batch} waits for its tasks: until the last one ends, which
 * wakes it; cancelling them when the timeout passes, when the owner is interrupted or
 * when the enclosing batch is cancelled; at most for the cancel grace period once the
 * batch was cancelled, after which the tasks still running are abandoned and reported. A
 * nested batch without a timeout, its own or its tasks', first runs its unstarted tasks
 * itself.
 *
 * <p>
 * A task's own timeout needs no timer thread either: while the batch is open, the owner
 * parks at most until the earliest deadline of its tasks ({@link Batch#taskDeadline},
 * which it keeps as it adds them), then cancels the overdue tasks alone
 * ({@link TaskRun#timeOut()}) and parks until the next one. A batch whose tasks have no
 * timeouts of their own reads no clock for them.
 *
 * <p>
 * An executor may also drop a task without a word: {@link ExecutorService#shutdownNow()}
 * returns the tasks it had queued and never runs them, and no one tells the batch. When
 * the tasks run on an {@link ExecutorService}, the owner looks at it whenever it wakes:
 * once the executor has terminated, a task that has still not started never will, and
 * fails with a {@link RejectedExecutionException}, classified by the fatal error policy
 * like a refusal of {@code execute}. The owner wakes for that when a task ends with an
 * interruption that its batch did not send (as {@code shutdownNow()} interrupts the tasks
 * that run), and otherwise at the latest after {@link #EXECUTOR_POLL_NANOS} or the cancel
 * grace period, whichever is shorter; while the executor is shut down but not yet
 * terminated, with tasks that have not started, it looks more often. What is not covered:
 * an executor that is no {@code ExecutorService} (a Spring {@code TaskExecutor} whose
 * pool is shut down behind its back; when Spring shuts its own pool down it cancels the
 * dropped tasks, see {@link CallableRun#cancel(boolean)}), and one that discards tasks
 * while it runs (a {@code DiscardPolicy}).
 *
 * @author parallel-tasks authors
 */
final class BatchWait {

	/** The shortest grace period that the owner keeps by polling, not by being woken. */
	private static final long MIN_POLL_NANOS = 1_000_000L;

	/**
	 * The longest time that the owner of tasks on an {@link ExecutorService} parks before
	 * it looks at the executor again, when nothing wakes it.
	 */
	static final long EXECUTOR_POLL_NANOS = 5_000_000_000L;

	private BatchWait() {
	}

	/**
	 * Wake the owner after another thread cancelled the batch, if it must be. It need not
	 * be, as a rule: it wakes when the last task ends, and at the latest after a grace
	 * period (see {@link #awaitTasks(Batch)}), so the grace period is kept without an
	 * extra wake-up competing with the cancelled tasks for the CPU. Only a grace period
	 * too short to poll at needs the wake-up.
	 */
	static void wakeOnCancel(Batch batch) {
		if (mustWakeOnCancel(batch)) {
			batch.remaining.wake();
		}
	}

	private static boolean mustWakeOnCancel(Batch batch) {
		return batch.settings.cancelGracePeriodNanos() < MIN_POLL_NANOS;
	}

	/**
	 * Wait, on the owner's thread, until every task has ended, cancelling them on timeout
	 * or interrupt, and for at most the grace period once the batch was cancelled.
	 * @return whether the owner was interrupted while it waited
	 */
	static boolean awaitTasks(Batch batch) {
		boolean interrupted = false;
		long grace = batch.settings.cancelGracePeriodNanos();
		ExecutorService executor = batch.executorService();
		// A cancel by another thread does not wake the owner: it looks at least once per
		// grace period, so that it still returns once the grace period has passed
		// (a grace period too short to poll at is kept by waking the owner instead)
		long poll = mustWakeOnCancel(batch) ? Long.MAX_VALUE : grace;
		if (executor != null) {
			poll = Math.min(poll, EXECUTOR_POLL_NANOS);
		}
		// How long to park while the executor is shut down with tasks that have not
		// started yet: short at first, then longer, up to poll
		long shutdownPoll = 0L;
		if (batch.parent != null && batch.deadline == 0L && batch.taskDeadline == 0L) {
			runUnstartedTasks(batch);
		}
		PartCount remaining = batch.remaining;
		remaining.beginWait();
		try {
			while (!remaining.isZero()) {
				if (batch.parent != null && batch.isOpen() && batch.parent.isCancelRequested()) {
					batch.cancel(CancelReason.INTERRUPTED, null);
				}
				long now = System.nanoTime();
				Cancellation cancelled = batch.cancellation();
				if (cancelled != null) {
					long left = cancelled.nanoTime() + grace - now;
					if (left <= 0L) {
						abandonUnfinished(batch);
						break;
					}
					remaining.park(batch, left);
				}
				else {
					long wait = poll;
					if (executor != null && executor.isShutdown()) {
						// Read before the tasks' states: a task that has not started once
						// the executor has terminated can no longer start there
						boolean terminated = executor.isTerminated();
						if (hasUnstartedTasks(batch, terminated)) {
							if (terminated) {
								// Ended them: look at the batch again
								continue;
							}
							shutdownPoll = (shutdownPoll == 0L) ? MIN_POLL_NANOS : Math.min(shutdownPoll * 2, poll);
							wait = shutdownPoll;
						}
					}
					if (batch.deadline != 0L) {
						long left = batch.deadline - now;
						if (left <= 0L) {
							batch.cancel(CancelReason.TIMEOUT, null);
							continue;
						}
						wait = Math.min(left, wait);
					}
					if (batch.taskDeadline != 0L) {
						// The earliest of the tasks' own timeouts: cancel the overdue
						// tasks alone, and the batch goes on
						long left = batch.taskDeadline - now;
						if (left <= 0L) {
							batch.timeOutTasks(now);
							continue;
						}
						wait = Math.min(left, wait);
					}
					remaining.park(batch, wait);
				}
				if (Thread.interrupted()) {
					interrupted = true;
					batch.cancel(CancelReason.INTERRUPTED, null);
				}
			}
		}
		finally {
			remaining.endWait();
		}
		return interrupted;
	}

	/**
	 * Look for the tasks that a shut-down executor has not started, and end them if it
	 * has terminated, since it will never run them.
	 * @param terminated whether the executor has terminated
	 * @return {@code true} if a task had not started
	 */
	private static boolean hasUnstartedTasks(Batch batch, boolean terminated) {
		boolean unstarted = false;
		for (int i = 0, size = batch.size(); i < size; i++) {
			if (batch.task(i) instanceof CallableRun<?> run && run.isNew()) {
				unstarted = true;
				if (terminated) {
					run.refused(new RejectedExecutionException("Task '" + run.name() + "'" + batch.settings.describe()
							+ " never ran: its executor was shut down, and terminated, before the task started"));
				}
			}
		}
		return unstarted;
	}

	/**
	 * Run, on the owner's thread, the tasks that no worker has started yet. Only a nested
	 * batch does so: its owner is itself a worker of a pool, and waiting idle for tasks
	 * queued behind it in the same pool could starve the pool for ever. Tasks run last to
	 * first, since the last ones are the furthest back in the executor's queue.
	 */
	private static void runUnstartedTasks(Batch batch) {
		for (int i = batch.size() - 1; i >= 0 && !batch.isCancelled(); i--) {
			if (batch.task(i) instanceof CallableRun<?> run && run.isNew()) {
				run.run();
			}
		}
	}

	private static void abandonUnfinished(Batch batch) {
		for (int i = 0, size = batch.size(); i < size; i++) {
			TaskRun<?> run = batch.task(i);
			if (run.abandon()) {
				batch.failures.abandoned(run);
			}
		}
	}

}
