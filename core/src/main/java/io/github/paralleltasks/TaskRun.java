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
import java.util.Objects;
import java.util.concurrent.CancellationException;

import io.github.paralleltasks.metrics.BatchRecording;
import io.github.paralleltasks.metrics.CancelReason;
import org.jspecify.annotations.Nullable;

/**
 * One task of a {@link Batch}: its {@link CancelGate}, the end states a task can reach,
 * and its value or exception.
 * <p>
 * End states, by the thread that saw the task end: {@code SUCCESS}, {@code FAILED},
 * {@code FATAL}, {@code CANCELLED} (also set by a canceller that kept it from starting);
 * {@code ABANDONED}, set by the batch's owner over a state that has not ended, once the
 * grace period after a cancel has passed. A task that runs an asynchronous call may sit
 * in {@code COMPLETING} between its outcome and the end of its last worker; a cancel no
 * longer changes its outcome there. A task that its executor drops before it starts goes
 * {@code NEW -> COMPLETING -> CANCELLED} ({@link #dropUnstarted()}), and one whose own
 * timeout passes before it starts {@code NEW -> COMPLETING -> FAILED} or {@code FATAL}
 * ({@link #timeOut()}): {@code COMPLETING} holds off a start and a cancel while the
 * reason is written, so that the reason is published with the end state.
 * <p>
 * A task with a timeout of its own may be cancelled by its batch and by its timeout, and
 * the first to claim its {@link TaskTimeout} is the only one to cancel it: the task then
 * ends {@code CANCELLED} (or keeps a success or a fatal error of its own), or fails with
 * its {@link TaskTimeoutException}, and it is counted once, as cancelled for that reason.
 * <p>
 * It is longer than ~300 lines because it holds both sides of a task: the engine's
 * (outcome, classification, timeout, end, abandon, recording) and the {@link Subtask}
 * that users read; the rest documents the states.
 *
 * @param <T> the type of the task's value
 * @author parallel-tasks authors
 */
abstract class TaskRun<T> extends CancelGate implements Subtask<T> {

	/** Not ended: the outcome is decided, but a part of the work still runs. */
	static final int COMPLETING = FIRST_END;

	static final int SUCCESS = FIRST_END + 1;

	static final int FAILED = FIRST_END + 2;

	static final int FATAL = FIRST_END + 3;

	static final int CANCELLED = FIRST_END + 4;

	static final int ABANDONED = FIRST_END + 5;

	/**
	 * Publishes {@code recording}. A release store, not a volatile write: each thread
	 * that reads it (the runner, the thread that ends the task, a worker of its call)
	 * comes after the store in happens-before order already, through the state or the
	 * executor's queue, and the release store only guards against a reordering; on x86 it
	 * saves a full fence on the start of every task.
	 */
	private static final VarHandle RECORDING;

	static {
		try {
			RECORDING = MethodHandles.lookup()
				.findVarHandle(TaskRun.class, "recording", BatchRecording.TaskRecording.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	final Batch batch;

	final int index;

	/** The name the developer gave, or {@code null}. */
	final @Nullable String givenName;

	/** The task's own timeout, or {@code null} for none. */
	private final @Nullable TaskTimeout timeout;

	/** Written once, before the end state, by the thread that saw the task end. */
	private @Nullable Object value;

	/** Written once, before the end state, by the thread that saw the task end. */
	private @Nullable Throwable exception;

	/**
	 * The recording of the task's start, {@code null} until it started: written before
	 * the task's work begins, on the thread that starts it, with release semantics (see
	 * {@link #RECORDING}).
	 */
	private BatchRecording.@Nullable TaskRecording recording;

	TaskRun(Batch batch, int index, @Nullable String givenName, @Nullable Duration timeout) {
		this.batch = batch;
		this.index = index;
		this.givenName = givenName;
		this.timeout = TaskTimeout.of(timeout);
	}

	/**
	 * Return the work of this task, a {@link TaskSpec} if it has a criticality of its
	 * own.
	 */
	abstract Object work();

	/**
	 * Return when this task's own timeout passes, by {@link System#nanoTime()}, or
	 * {@code 0} if it has none.
	 */
	final long deadline() {
		TaskTimeout own = this.timeout;
		return (own != null) ? own.deadline : 0L;
	}

	/**
	 * Return the task that the current thread runs for a batch, if any.
	 * @return the current task, or {@code null}
	 */
	static @Nullable TaskRun<?> current() {
		CancelGate gate = CancelGate.current();
		return (gate != null) ? gate.task() : null;
	}

	@Override
	final TaskRun<?> task() {
		return this;
	}

	@Override
	final int cancelledState() {
		return CANCELLED;
	}

	@Override
	final void prevented() {
		ended(CANCELLED);
	}

	@Override
	final boolean mayStart() {
		// Not when an enclosing batch was cancelled either: this batch's owner cancels
		// it as soon as it sees that, and the task must not start meanwhile
		return !this.batch.isCancelled();
	}

	/**
	 * Keep what the task's work returned or threw, and decide its end state.
	 * @param result the value, if {@code failure} is {@code null}
	 * @param failure what the work threw, or {@code null}
	 * @return {@code SUCCESS}, {@code FAILED}, {@code FATAL}, or {@code CANCELLED} for an
	 * interruption caused by a cancelled enclosing batch
	 */
	final int outcome(@Nullable Object result, @Nullable Throwable failure) {
		if (failure == null) {
			this.value = result;
			return SUCCESS;
		}
		Throwable cause = FatalErrorPolicy.unwrap(failure);
		this.exception = cause;
		if (TaskSpec.criticalityOf(work()) != Criticality.BY_POLICY && isInterruption(cause)
				&& this.batch.isCancelled()) {
			// Stopped by the cancel, whatever it may throw: not a failure of its own
			return CANCELLED;
		}
		if (isFatal(cause)) {
			return FATAL;
		}
		// Interrupted because an enclosing batch was cancelled: not a failure of its own
		return (isInterruption(cause) && this.batch.isCancelled()) ? CANCELLED : FAILED;
	}

	/**
	 * Return whether the given exception, unwrapped, is fatal when this task throws it.
	 */
	final boolean isFatal(Throwable exception) {
		return this.batch.isFatal(exception, TaskSpec.criticalityOf(work()));
	}

	/**
	 * Return the end state of a task that was cancelled while it ran: what it throws now
	 * is the consequence of the cancel, unless it is a fatal error of its own.
	 */
	final int outcomeAfterCancel(int end) {
		TaskTimeoutException timedOut = (this.timeout != null) ? this.timeout.timedOut() : null;
		if (timedOut != null) {
			// Cancelled by its own timeout: what it returns or throws now comes too late
			Throwable thrown = this.exception;
			if (thrown != null && thrown != timedOut) {
				timedOut.addSuppressed(thrown);
			}
			this.exception = timedOut;
			return isFatal(timedOut) ? FATAL : FAILED;
		}
		boolean ownFatal = end == FATAL && !isInterruption(this.exception);
		return (end == SUCCESS || ownFatal) ? end : CANCELLED;
	}

	/**
	 * End the task on the thread that ran its work.
	 * @param result the value, if {@code failure} is {@code null}
	 * @param failure what the work threw, or {@code null}
	 */
	final void finish(@Nullable Object result, @Nullable Throwable failure) {
		int end = outcome(result, failure);
		if (tryEnd(end)) {
			ended(end);
			return;
		}
		awaitInterrupt();
		end = outcomeAfterCancel(end);
		if (endAfterCancel(end)) {
			ended(end);
		}
		else {
			endedAfterAbandon();
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
	 * Called when this task, abandoned after the grace period, finally ends.
	 */
	final void endedAfterAbandon() {
		recordEnd(CANCELLED);
		this.batch.failures.endedAfterAbandon(this, this.exception);
	}

	/**
	 * Cancel this task because its batch was cancelled.
	 * @return {@code true} if this call prevented or stopped the task; {@code false} if
	 * it had ended, was cancelled already, or its own timeout is cancelling it
	 */
	boolean cancelForBatch() {
		if (this.timeout != null && !this.timeout.claimForBatch()) {
			// Its timeout came first: the owner is cancelling it now, on its own thread
			return false;
		}
		return cancel();
	}

	/**
	 * Cancel this task because its own timeout has passed, unless it has ended or its
	 * batch's cancel reached it first, and count it as cancelled for
	 * {@link CancelReason#TIMEOUT}. Called by the batch's owner only. A task that has not
	 * started never does and fails at once; one that runs has its hooks run and is
	 * interrupted, and fails when it ends (see {@link #outcomeAfterCancel(int)}).
	 * @return {@code true} if this call prevented or stopped the task
	 */
	final boolean timeOut() {
		if (rawState() >= FIRST_END) {
			return false;
		}
		TaskTimeout own = Objects.requireNonNull(this.timeout, "A task that times out has a timeout");
		TaskTimeoutException timedOut = own.claimForTimeout(name());
		if (timedOut == null) {
			return false;
		}
		if (compareAndSetState(NEW, COMPLETING)) {
			this.exception = timedOut;
			int end = isFatal(timedOut) ? FATAL : FAILED;
			// Only the owner may abandon a task, and this is the owner
			compareAndSetState(COMPLETING, end);
			this.batch.countCancelled(CancelReason.TIMEOUT, 1);
			ended(end);
			return true;
		}
		if (cancel()) {
			this.batch.countCancelled(CancelReason.TIMEOUT, 1);
			return true;
		}
		return false;
	}

	/**
	 * Return whether the owner still has to look at this task's own timeout: it has one,
	 * the task has not ended, and no cancel has reached it yet.
	 */
	final boolean awaitsTimeout() {
		return this.timeout != null && !this.timeout.isClaimed() && rawState() < FIRST_END;
	}

	/**
	 * End this task as {@code CANCELLED} if it has not started, for an executor that will
	 * never run it, and count it as cancelled for {@link CancelReason#SHUTDOWN}.
	 * @return {@code true} if the task had not started
	 */
	final boolean dropUnstarted() {
		if (!compareAndSetState(NEW, COMPLETING)) {
			return false;
		}
		this.exception = new CancellationException("Task '" + name() + "'" + this.batch.settings.describe()
				+ " was cancelled by its executor before it started");
		// Only the owner, once the grace period after a cancel has passed, may have
		// taken it meanwhile (ABANDONED): it no longer waits for it
		if (compareAndSetState(COMPLETING, CANCELLED)) {
			this.batch.countCancelled(CancelReason.SHUTDOWN, 1);
			ended(CANCELLED);
		}
		return true;
	}

	/**
	 * Give up waiting for this task, once the grace period after a cancel has passed.
	 * @return {@code true} if the task had still not ended
	 */
	boolean abandon() {
		for (int attempt = 0;;) {
			int current = rawState();
			if (current >= SUCCESS) {
				return false;
			}
			if (current == INTERRUPTING || current == AWAITING_INTERRUPT) {
				// The interrupt must be delivered before the runner may stop waiting for
				// it, or it would reach the next work of that thread
				backOff(attempt++);
			}
			else if (compareAndSetState(current, ABANDONED)) {
				return true;
			}
		}
	}

	/**
	 * Tell the batch's recording that this task started.
	 * @return the task's recording
	 */
	final BatchRecording.TaskRecording recordStart() {
		BatchRecording.TaskRecording started = this.batch.recording.taskStarted(this.givenName, this.index);
		RECORDING.setRelease(this, started);
		return started;
	}

	/**
	 * Return the recording of this task, {@link BatchRecording.TaskRecording#NONE} until
	 * it started.
	 */
	final BatchRecording.TaskRecording recording() {
		BatchRecording.TaskRecording started = recordingOrNull();
		return (started != null) ? started : BatchRecording.TaskRecording.NONE;
	}

	private BatchRecording.@Nullable TaskRecording recordingOrNull() {
		return (BatchRecording.TaskRecording) RECORDING.getAcquire(this);
	}

	final void recordEnd(int end) {
		BatchRecording.TaskRecording started = recordingOrNull();
		if (started != null) {
			started.taskEnded(state(end), this.exception);
		}
		else {
			// Cancelled while queued, or refused by its executor
			this.batch.recording.taskEndedUnstarted(this.givenName, this.index, state(end), this.exception);
		}
	}

	/**
	 * Return whether a cancel has reached this task: of the task itself, of its batch, or
	 * of a batch that encloses it. Not {@code Future.isCancelled()}, which a
	 * {@link CallableRun} implements for its executor.
	 */
	final boolean isCancelRequested() {
		int current = rawState();
		return isInterruptAimedAt() || current == CANCELLED || current == ABANDONED || this.batch.isCancelled();
	}

	static boolean isInterruption(@Nullable Throwable exception) {
		return exception instanceof InterruptedException || exception instanceof CancellationException
				|| exception instanceof ParallelInterruptedException
				|| exception instanceof java.io.InterruptedIOException
				|| exception instanceof java.nio.channels.ClosedByInterruptException;
	}

	/**
	 * Return what a task that failed threw, unwrapped.
	 */
	final Throwable failure() {
		return Objects.requireNonNull(this.exception, "A task that failed has an exception");
	}

	/**
	 * Return what the task's work threw, unwrapped, whatever its state.
	 */
	final @Nullable Throwable thrown() {
		return this.exception;
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
		return state(rawState());
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
	@SuppressWarnings({ "unchecked", "NullAway" }) // T itself may be a nullable type
	public final T get() {
		if (rawState() != SUCCESS) {
			throw new IllegalStateException("Task '" + name() + "' has no value: its state is " + state(),
					this.exception);
		}
		return (T) this.value;
	}

	@Override
	public final @Nullable Throwable exception() {
		int current = rawState();
		return (current == FAILED || current == FATAL || current == CANCELLED) ? this.exception : null;
	}

	@Override
	public String toString() {
		return "Subtask '" + name() + "' [" + state() + "]";
	}

}
