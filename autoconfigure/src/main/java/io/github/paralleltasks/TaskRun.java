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
import java.util.concurrent.CancellationException;

/**
 * One task of a {@link Batch} and the single atomic state that decides its fate. A task
 * goes {@code NEW -> RUNNING} when it starts, or {@code NEW -> CANCELLED} when its batch
 * is cancelled first: exactly one of the two happens, by compare-and-set, so a task is
 * either prevented or interrupted, never neither. A running task that is cancelled goes
 * {@code RUNNING -> INTERRUPTING -> INTERRUPTED}; only then may it reach its end state,
 * so that the interrupt aimed at it is always delivered, and cleared, before its thread
 * moves on.
 *
 * @param <T> the type of the task's value
 * @author parallel-tasks authors
 */
abstract class TaskRun<T> implements Subtask<T> {

	static final int NEW = 0;

	static final int RUNNING = 1;

	static final int INTERRUPTING = 2;

	static final int INTERRUPTED = 3;

	static final int SUCCESS = 4;

	static final int FAILED = 5;

	static final int FATAL = 6;

	static final int CANCELLED = 7;

	static final int ABANDONED = 8;

	private static final VarHandle STATE;

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(TaskRun.class, "state", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private static final ThreadLocal<TaskRun<?>> CURRENT = new ThreadLocal<>();

	final Batch batch;

	final int index;

	/** The name the developer gave, or {@code null}. */
	final String givenName;

	private volatile int state;

	private Object value;

	private Throwable exception;

	private volatile BatchRecording.TaskRecording recording = BatchRecording.TaskRecording.NONE;

	TaskRun(Batch batch, int index, String givenName) {
		this.batch = batch;
		this.index = index;
		this.givenName = givenName;
	}

	/**
	 * Return the task that the current thread runs for a batch, if any.
	 * @return the current task, or {@code null}
	 */
	static TaskRun<?> current() {
		return CURRENT.get();
	}

	/**
	 * Make this task the current thread's task until {@link #leave(TaskRun)}.
	 * @return the task that was current before, to pass to {@link #leave(TaskRun)}
	 */
	final TaskRun<?> enter() {
		TaskRun<?> previous = CURRENT.get();
		CURRENT.set(this);
		return previous;
	}

	/**
	 * Restore what {@link #enter()} and the batch's context changed on this thread.
	 * @param previous the task that was current before
	 * @param context the scope of the batch's context, or {@code null}
	 */
	static void leave(TaskRun<?> previous, TaskContextPropagator.Scope context) {
		try {
			if (context != null) {
				context.close();
			}
		}
		finally {
			CURRENT.set(previous);
		}
	}

	/**
	 * Move this task from {@code NEW} to {@code RUNNING}.
	 * @return {@code false} if the task was cancelled before it could start
	 */
	final boolean tryStart() {
		return this.batch.isOpen() && STATE.compareAndSet(this, NEW, RUNNING);
	}

	/**
	 * Record how the task ended, on the thread that saw it end.
	 * @param result the value, if {@code failure} is {@code null}
	 * @param failure what the task threw, or {@code null}
	 */
	final void finish(Object result, Throwable failure) {
		Throwable cause = (failure != null) ? FatalErrorPolicy.unwrap(failure) : null;
		boolean fatal = cause != null && this.batch.isFatal(cause);
		if (cause == null) {
			this.value = result;
		}
		else {
			this.exception = cause;
		}
		int end = (cause == null) ? SUCCESS : (fatal ? FATAL : FAILED);
		if (end == FAILED && isInterruption(cause) && this.batch.isCancelled()) {
			// Interrupted because an enclosing batch was cancelled: not a failure of its
			// own
			end = CANCELLED;
		}
		if (STATE.compareAndSet(this, RUNNING, end)) {
			ended(end);
			return;
		}
		// Cancelled while running: what it throws now is the consequence of the cancel,
		// unless it is a fatal error of its own.
		awaitInterruptDelivered();
		if (cause != null && !(fatal && !isInterruption(cause))) {
			end = CANCELLED;
		}
		for (;;) {
			int current = this.state;
			if (current != INTERRUPTING && current != INTERRUPTED) {
				this.batch.taskEndedAfterAbandon(this, cause);
				return;
			}
			if (STATE.compareAndSet(this, current, end)) {
				ended(end);
				return;
			}
		}
	}

	/**
	 * Cancel this task for its batch.
	 * @return {@code true} if this call cancelled the task, {@code false} if it had
	 * already ended or been cancelled
	 */
	final boolean cancel() {
		for (;;) {
			int current = this.state;
			if (current == NEW) {
				if (STATE.compareAndSet(this, NEW, CANCELLED)) {
					ended(CANCELLED);
					return true;
				}
			}
			else if (current == RUNNING) {
				if (STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
					try {
						interruptRun();
					}
					finally {
						STATE.compareAndSet(this, INTERRUPTING, INTERRUPTED);
					}
					return true;
				}
			}
			else {
				return false;
			}
		}
	}

	/**
	 * Give up waiting for this task, once the grace period after a cancel has passed.
	 * @return {@code true} if the task had still not ended
	 */
	boolean abandon() {
		for (int attempt = 0;;) {
			int current = this.state;
			if (current < INTERRUPTING || current > INTERRUPTED) {
				return current < SUCCESS && STATE.compareAndSet(this, current, ABANDONED);
			}
			if (current == INTERRUPTED && STATE.compareAndSet(this, INTERRUPTED, ABANDONED)) {
				return true;
			}
			backOff(attempt++);
		}
	}

	/**
	 * Called once, when this task has reached its end state.
	 * @param end the end state
	 */
	void ended(int end) {
		recordEnd(end);
		this.batch.taskEnded(this, end);
	}

	/**
	 * Tell the batch's recording that this task started.
	 * @return the task's recording
	 */
	final BatchRecording.TaskRecording recordStart() {
		BatchRecording.TaskRecording started = this.batch.recording.taskStarted(this.givenName, this.index);
		if (started != BatchRecording.TaskRecording.NONE) {
			this.recording = started;
		}
		return started;
	}

	final void recordEnd(int end) {
		this.recording.taskEnded(state(end), this.exception);
	}

	/**
	 * Stop the running work: interrupt its thread, or cancel its future.
	 */
	abstract void interruptRun();

	/**
	 * Wait until the interrupt aimed at this task has been delivered, and clear it from
	 * the thread that runs the task, if that is this thread.
	 */
	void awaitInterruptDelivered() {
	}

	/**
	 * Wait a moment for another thread to finish a short step, such as delivering an
	 * interrupt. That interrupt may have woken the waiting thread on the other thread's
	 * own CPU, pre-empting it: after a few spins, give the CPU back rather than burn the
	 * time slice that the other thread needs.
	 * @param attempt how many times the caller has waited already
	 */
	static void backOff(int attempt) {
		if (attempt < 32) {
			Thread.onSpinWait();
		}
		else {
			Thread.yield();
		}
	}

	final boolean isNew() {
		return this.state == NEW;
	}

	/**
	 * Return whether this task's thread has been, or is being, interrupted to cancel it.
	 */
	final boolean isInterruptAimedAt() {
		int current = this.state;
		return current == INTERRUPTING || current == INTERRUPTED;
	}

	final boolean isInterrupting() {
		return this.state == INTERRUPTING;
	}

	/**
	 * Return whether this task, its batch, or a batch that encloses it has been
	 * cancelled.
	 */
	final boolean isCancelled() {
		int current = this.state;
		return isInterruptAimedAt() || current == CANCELLED || current == ABANDONED || this.batch.isCancelled();
	}

	private static boolean isInterruption(Throwable exception) {
		return exception instanceof InterruptedException || exception instanceof CancellationException
				|| exception instanceof ParallelInterruptedException
				|| exception instanceof java.io.InterruptedIOException
				|| exception instanceof java.nio.channels.ClosedByInterruptException;
	}

	final int rawState() {
		return this.state;
	}

	@Override
	public final int index() {
		return this.index;
	}

	@Override
	public final String name() {
		return (this.givenName != null) ? this.givenName : "task-" + this.index;
	}

	@Override
	public final State state() {
		return state(this.state);
	}

	private static State state(int state) {
		return switch (state) {
			case SUCCESS -> State.SUCCESS;
			case FAILED -> State.FAILED;
			case FATAL -> State.FATAL;
			case CANCELLED -> State.CANCELLED;
			default -> State.UNAVAILABLE;
		};
	}

	@Override
	@SuppressWarnings("unchecked")
	public final T get() {
		if (this.state != SUCCESS) {
			throw new IllegalStateException("Task '" + name() + "' has no value: its state is " + state(),
					this.exception);
		}
		return (T) this.value;
	}

	@Override
	public final Throwable exception() {
		int current = this.state;
		return (current == FAILED || current == FATAL || current == CANCELLED) ? this.exception : null;
	}

	@Override
	public String toString() {
		return "Subtask '" + name() + "' [" + state() + "]";
	}

}
