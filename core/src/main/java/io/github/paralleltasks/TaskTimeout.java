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

import org.jspecify.annotations.Nullable;

/**
 * The timeout of one task of its own: when it passes, and which cancel reached the task
 * first. Only a task with a timeout of its own has one, so that the others carry no
 * deadline and read no clock.
 * <p>
 * Such a task may be cancelled by its batch and by its timeout, and the first to claim
 * {@code cancelCause} is the only one to cancel it. Possible transitions of
 * {@code cancelCause}, each by compare-and-set, before the canceller moves the task's
 * state: <pre>
 * null -> BY_BATCH                 (claimForBatch, by the thread that cancels the batch)
 * null -> a TaskTimeoutException   (claimForTimeout, by the batch's owner)
 * </pre>
 *
 * @author parallel-tasks authors
 */
final class TaskTimeout {

	/** The {@code cancelCause} of a task that its batch's cancel reached first. */
	private static final Object BY_BATCH = new Object();

	private static final VarHandle CANCEL_CAUSE;

	static {
		try {
			CANCEL_CAUSE = MethodHandles.lookup().findVarHandle(TaskTimeout.class, "cancelCause", Object.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	final Duration timeout;

	/**
	 * When the timeout passes, by {@link System#nanoTime()}, counted from when the task
	 * was created, just before its batch's owner adds it; never {@code 0}, which the
	 * batch reads as none.
	 */
	final long deadline;

	/**
	 * Which cancel reached the task first: {@code null}, then {@code BY_BATCH} or the
	 * task's {@link TaskTimeoutException}, set once by compare-and-set before that cancel
	 * moves the task's state; read by the thread that ends the task after the cancel,
	 * which the write of the state publishes it to.
	 */
	private volatile @Nullable Object cancelCause;

	private TaskTimeout(Duration timeout) {
		this.timeout = timeout;
		long deadline = System.nanoTime() + timeout.toNanos();
		this.deadline = (deadline != 0L) ? deadline : 1L;
	}

	/**
	 * Return the timeout of a task, or {@code null} for a task without one.
	 */
	static @Nullable TaskTimeout of(@Nullable Duration timeout) {
		return (timeout != null) ? new TaskTimeout(timeout) : null;
	}

	/**
	 * Claim the task's cancel for its batch.
	 * @return {@code false} if the timeout came first
	 */
	boolean claimForBatch() {
		return CANCEL_CAUSE.compareAndSet(this, null, BY_BATCH);
	}

	/**
	 * Claim the task's cancel for its timeout.
	 * @param taskName the name of the task
	 * @return the task's exception, or {@code null} if a cancel came first
	 */
	@Nullable TaskTimeoutException claimForTimeout(String taskName) {
		TaskTimeoutException timedOut = new TaskTimeoutException(taskName, this.timeout);
		return CANCEL_CAUSE.compareAndSet(this, null, timedOut) ? timedOut : null;
	}

	/**
	 * Return whether a cancel has claimed the task.
	 */
	boolean isClaimed() {
		return this.cancelCause != null;
	}

	/**
	 * Return the task's exception if its timeout claimed its cancel.
	 * @return the exception, or {@code null} if no cancel, or its batch's, claimed it
	 */
	@Nullable TaskTimeoutException timedOut() {
		return (this.cancelCause instanceof TaskTimeoutException timedOut) ? timedOut : null;
	}

}
