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
import java.util.concurrent.ExecutorService;

import io.github.paralleltasks.context.TaskContextPropagator;
import io.github.paralleltasks.metrics.BatchOutcome;
import io.github.paralleltasks.metrics.BatchRecording;
import io.github.paralleltasks.metrics.CancelReason;
import org.jspecify.annotations.Nullable;

/**
 * A supervised batch of sibling tasks, owned by the thread that created it. Tasks are
 * added by the owner only; they end on their own threads, and the one that ends last
 * wakes the owner. The first fatal error cancels the siblings on the thread that met it,
 * without waiting for the owner to wake up.
 *
 * <p>
 * This class holds the tasks, counts them and cancels them; how the owner waits for them
 * is {@link BatchWait}'s, and what their end makes of the batch is {@link BatchEnd}'s.
 *
 * <p>
 * It is over ~300 lines: about 230 of them are code, a fifth of that for the tasks' own
 * timeouts, and the rest says who writes each field and when. The timeouts' bookkeeping
 * could move to a class of its own.
 *
 * @author parallel-tasks authors
 */
final class Batch {

	private static final VarHandle CANCELLATION;

	static {
		try {
			CANCELLATION = MethodHandles.lookup().findVarHandle(Batch.class, "cancellation", Cancellation.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	final BatchSettings settings;

	private final Thread owner;

	/** The task that the owner runs for an enclosing batch, or {@code null}. */
	final @Nullable TaskRun<?> parent;

	/** The timeout, or {@code null} for none. */
	final @Nullable Duration timeout;

	/** When the timeout passes, by {@link System#nanoTime()}; {@code 0} for none. */
	final long deadline;

	private final TaskContextPropagator.@Nullable CapturedContext context;

	final BatchRecording recording;

	final BatchFailures failures;

	/** The tasks that have not ended; the last one wakes the owner. */
	final PartCount remaining;

	/** How many tasks the owner counted in {@code remaining} before adding them. */
	private final int reserved;

	/** Why and when the batch was cancelled; {@code null} while it is open. Set once. */
	private volatile @Nullable Cancellation cancellation;

	/** Written by the owner only; read by any thread up to {@code size}. */
	private volatile TaskRun<?>[] tasks;

	/** Written by the owner only, after the task at that index is in {@code tasks}. */
	private volatile int size;

	/**
	 * Whether a task ended other than {@code SUCCESS}. Set by that task before it counts
	 * itself out of {@code remaining}, and read by the owner once {@code remaining} is
	 * zero, after the atomic updates of {@code remaining} that order every write before
	 * them: a plain field, written on failures only, so that the owner of a batch that
	 * succeeded need not read the state of each task to tell its outcome.
	 */
	private boolean incomplete;

	/** The executor of the tasks, or {@code null} before the first: owner only. */
	private @Nullable Executor executor;

	/**
	 * The earliest deadline of a task's own timeout that the owner has still to keep, by
	 * {@link System#nanoTime()}; {@code 0} for none, and always for a batch whose tasks
	 * have no timeouts of their own. Written and read by the owner only: when it adds a
	 * task, and when it cancels the overdue ones ({@link #timeOutTasks(long)}).
	 */
	long taskDeadline;

	Batch(BatchSettings settings, @Nullable Duration timeout, int expectedSize) {
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
	TaskContextPropagator.@Nullable Scope restoreContext() {
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
		return this.cancellation != null || (this.parent != null && this.parent.isCancelRequested());
	}

	@Nullable Cancellation cancellation() {
		return this.cancellation;
	}

	boolean isFatal(Throwable exception, Criticality criticality) {
		return criticality.isFatal(exception, this.settings.fatalErrorPolicy());
	}

	int size() {
		return this.size;
	}

	/**
	 * Return the task at the given index, which must be below {@link #size()}.
	 */
	TaskRun<?> task(int index) {
		return this.tasks[index];
	}

	/**
	 * Return the executor of the tasks if it is an {@link ExecutorService}, whose
	 * shutdown the owner can see. Called by the owner only.
	 * @return the executor service, or {@code null}
	 */
	@Nullable ExecutorService executorService() {
		return (this.executor instanceof ExecutorService service) ? service : null;
	}

	/**
	 * Add a task and run it on the executor. Called by the owner only.
	 */
	<T> void fork(CallableRun<T> run, Executor executor) {
		add(run);
		this.executor = executor;
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
			CallableRun<?> run = new CallableRun<>(this, i, TaskSpec.nameOf(callable), callable);
			current[i] = run;
			addDeadline(run);
		}
		this.size = callables.length;
		this.executor = executor;
		cancelIfCancelled(0, callables.length);
		for (int i = 0; i < callables.length; i++) {
			submit((CallableRun<?>) current[i], executor);
		}
	}

	private void submit(CallableRun<?> run, Executor executor) {
		run.submit(executor);
		keepDeadlines();
	}

	/**
	 * Cancel the batch, or the tasks, whose deadline has passed. Called by the owner
	 * after each task it submitted or call it started: a synchronous executor (a
	 * {@code SyncTaskExecutor} in tests) has run the work on this thread by now, and the
	 * owner cannot wait for the deadlines meanwhile, so it keeps them between tasks; a
	 * task not yet added whose batch's deadline has passed never starts.
	 */
	private void keepDeadlines() {
		if (this.deadline != 0L || this.taskDeadline != 0L) {
			long now = System.nanoTime();
			if (this.deadline != 0L && now - this.deadline >= 0L) {
				cancel(CancelReason.TIMEOUT, null);
			}
			else if (this.taskDeadline != 0L && now - this.taskDeadline >= 0L) {
				timeOutTasks(now);
			}
		}
	}

	/**
	 * Add a task and start its call on the owner's thread.
	 */
	<T> void forkAsync(FutureRun<T> run) {
		add(run);
		run.start();
		// The call may have taken long to start, or run on this thread
		keepDeadlines();
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
		addDeadline(run);
		if (index >= this.reserved) {
			this.remaining.add(1);
			this.recording.tasksAdded(1);
		}
		this.size = index + 1;
		cancelIfCancelled(index, index + 1);
	}

	private void addDeadline(TaskRun<?> run) {
		long added = run.deadline();
		if (added != 0L && (this.taskDeadline == 0L || added - this.taskDeadline < 0L)) {
			this.taskDeadline = added;
		}
	}

	/**
	 * Cancel the tasks whose own timeout has passed, and find the next deadline to keep.
	 * Called by the owner only, once {@code taskDeadline} has passed, while the batch is
	 * open: a cancelled batch has cancelled every task already.
	 * @param now the time, by {@link System#nanoTime()}
	 */
	void timeOutTasks(long now) {
		long next = 0L;
		TaskRun<?>[] current = this.tasks;
		for (int i = 0, count = this.size; i < count && isOpen(); i++) {
			TaskRun<?> run = current[i];
			if (run.awaitsTimeout()) {
				long taskDeadline = run.deadline();
				if (now - taskDeadline >= 0L) {
					// A critical task that times out cancels the batch, on this thread
					run.timeOut();
				}
				else if (next == 0L || taskDeadline - next < 0L) {
					next = taskDeadline;
				}
			}
		}
		this.taskDeadline = isOpen() ? next : 0L;
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
		if (end != TaskRun.SUCCESS) {
			this.incomplete = true;
		}
		if (end == TaskRun.FAILED) {
			this.failures.tolerated(run);
			if (TaskRun.isInterruption(run.thrown())) {
				// Interrupted, though not by a cancel of its batch: perhaps by an
				// executor shut down with shutdownNow(), which drops the tasks it had
				// queued without a word. The owner looks (see BatchWait)
				this.remaining.wake();
			}
		}
		else if (end == TaskRun.FATAL) {
			this.failures.fatal(run);
			if (cancel(CancelReason.FATAL, run)) {
				return true;
			}
			this.failures.later(run.failure());
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
			BatchWait.wakeOnCancel(this);
		}
	}

	/**
	 * Cancel every task that has not ended, unless the batch was already cancelled.
	 * @param reason why
	 * @param fatalTask the task whose fatal error cancels the batch, or {@code null}
	 * @return {@code true} if this call cancelled the batch
	 */
	boolean cancel(CancelReason reason, @Nullable TaskRun<?> fatalTask) {
		Cancellation cancelled = Cancellation.now(reason, fatalTask);
		if (!CANCELLATION.compareAndSet(this, null, cancelled)) {
			return false;
		}
		// The batch is no longer open, so no task can start from here on: now stop the
		// ones that have started.
		cancelTasks(cancelled, 0, this.size);
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
			countCancelled(cancelled.reason(), count);
		}
	}

	void countCancelled(CancelReason reason, int count) {
		this.settings.metrics().tasksCancelled(this.settings.name(), reason, count);
	}

	/**
	 * Wait for every task, then return the result or throw what ended the batch.
	 */
	<T> ParallelResult<T> join() {
		return BatchEnd.join(this);
	}

	/**
	 * Return whether every task ended {@code SUCCESS}, as
	 * {@link ParallelResult#isComplete()} would tell. Called by the owner only, once
	 * every task has ended.
	 */
	boolean isComplete() {
		return !this.incomplete;
	}

	<T> ParallelResult<T> result() {
		return new ParallelResult<>(this.tasks, this.size);
	}

}
