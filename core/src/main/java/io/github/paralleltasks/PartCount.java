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
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * A count of the parts of some work that have not ended, and the thread that waits for
 * them: the part that brings the count to zero wakes the waiter, as in the JDK's
 * {@code ThreadFlock}. It counts the tasks of a batch for the batch's owner, and the
 * outcome and bound workers of an asynchronous call for its task.
 *
 * @author parallel-tasks authors
 */
final class PartCount {

	private static final VarHandle COUNT;

	static {
		try {
			COUNT = MethodHandles.lookup().findVarHandle(PartCount.class, "count", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** Changed by any thread, by atomic add. */
	private volatile int count;

	/** Set by the waiting thread for the time it waits, read by the last part. */
	private volatile @Nullable Thread waiter;

	PartCount(int initial) {
		this.count = initial;
	}

	void add(int parts) {
		COUNT.getAndAdd(this, parts);
	}

	/**
	 * Count one part as ended, and wake the waiter if it was the last.
	 * @return {@code true} if it was the last part
	 */
	boolean arrive() {
		if ((int) COUNT.getAndAdd(this, -1) == 1) {
			wake();
			return true;
		}
		return false;
	}

	boolean isZero() {
		return this.count == 0;
	}

	/**
	 * Wake the waiting thread, if any, so that it looks at its work again.
	 */
	void wake() {
		Thread waiting = this.waiter;
		if (waiting != null) {
			LockSupport.unpark(waiting);
		}
	}

	/**
	 * Make the current thread the one that {@link #arrive()} and {@link #wake()} wake,
	 * until {@link #endWait()}.
	 */
	void beginWait() {
		this.waiter = Thread.currentThread();
	}

	void endWait() {
		this.waiter = null;
	}

	/**
	 * Park the waiting thread unless every part has ended, for at most the given time; it
	 * may return earlier, spuriously or when woken.
	 * @param blocker the object that the thread waits for, as thread dumps show it
	 * @param nanos the longest time to park
	 */
	void park(Object blocker, long nanos) {
		if (this.count > 0) {
			LockSupport.parkNanos(blocker, nanos);
		}
	}

}
