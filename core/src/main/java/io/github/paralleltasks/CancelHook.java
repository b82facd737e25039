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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A cancellation hook registered with a {@link CancelGate}, and a node of the gate's
 * stack of hooks.
 * <p>
 * Possible state transitions: <pre>
 * ACTIVE -> REMOVED          (close, by the thread that registered it)
 * ACTIVE -> RUNNING -> RAN   (runOnce, by the thread that cancels the gate, or by the
 *                             registering thread when the gate was cancelled first)
 * </pre>
 *
 * @author parallel-tasks authors
 */
final class CancelHook implements CancelRegistration {

	/** A registration made outside any task: there is nothing to cancel. */
	static final CancelRegistration NONE = () -> {
	};

	private static final Log logger = LogFactory.getLog(CancelHook.class);

	private static final int ACTIVE = 0;

	private static final int REMOVED = 1;

	private static final int RUNNING = 2;

	private static final int RAN = 3;

	private static final VarHandle STATE;

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(CancelHook.class, "state", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final @Nullable CancelGate gate;

	private final AutoCloseable action;

	/** The hook registered before this one; written before this hook is published. */
	@Nullable CancelHook next;

	private volatile int state;

	CancelHook(@Nullable CancelGate gate, AutoCloseable action) {
		this.gate = gate;
		this.action = action;
	}

	/**
	 * Run the hook's action unless it was removed or has run already. An exception is
	 * logged, never thrown: the canceller must go on to the next hook and the interrupt.
	 */
	void runOnce() {
		if (!STATE.compareAndSet(this, ACTIVE, RUNNING)) {
			return;
		}
		try {
			this.action.close();
		}
		catch (Throwable ex) {
			logger.warn("Cancellation hook " + this.action + " failed; the task is interrupted all the same", ex);
		}
		finally {
			this.state = RAN;
		}
	}

	boolean isRemoved() {
		return this.state == REMOVED;
	}

	@Override
	public void close() {
		CancelGate owner = this.gate;
		if (owner != null && STATE.compareAndSet(this, ACTIVE, REMOVED)) {
			owner.unlink(this);
			return;
		}
		// The canceller runs it: the work it stops must not be reused before it returned
		for (int spins = 0; this.state == RUNNING; spins++) {
			if (spins < 64) {
				Thread.onSpinWait();
			}
			else {
				LockSupport.parkNanos(this, 10_000L);
			}
		}
	}

}
