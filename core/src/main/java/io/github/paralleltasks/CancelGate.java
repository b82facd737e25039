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

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

import io.github.paralleltasks.context.TaskContextPropagator;
import org.jspecify.annotations.Nullable;

/**
 * The run state of one piece of work that a batch may cancel — a task of the batch, or an
 * {@code @Async} worker bound to one — and the one place where it is cancelled.
 * <p>
 * Possible state transitions: <pre>
 * NEW -> RUNNING                       (tryRun or tryStart, by the thread that starts it)
 * NEW -> cancelledState()              (cancel before it started, by the canceller)
 * RUNNING -> an end state              (tryEnd, by the thread that runs it)
 * RUNNING -> INTERRUPTING -> INTERRUPTED   (cancel: hooks first, then the interrupt)
 * INTERRUPTING -> AWAITING_INTERRUPT       (awaitInterrupt, by the runner, before it parks)
 * AWAITING_INTERRUPT -> INTERRUPTED        (cancel, which then unparks the runner)
 * INTERRUPTING or INTERRUPTED -> an end state   (endAfterCancel, by the thread that
 *                                               runs it, once the interrupt is delivered)
 * </pre> Subclasses add end states from {@link #FIRST_END} on, and may move a state that
 * has not ended to one of them by {@link #compareAndSetState(int, int)}. The order of the
 * constants is part of the design: every state below {@link #FIRST_END} has not ended,
 * every state from it on has.
 * <p>
 * "Not started yet, so it never will" and "it started, so interrupt it" are decided by
 * one compare-and-set on {@code state}, as in {@link java.util.concurrent.FutureTask}:
 * exactly one of the two happens. A cancel runs the registered {@link CancelHook hooks}
 * before it interrupts, since an interrupt may close what a hook still needs (on a
 * virtual thread it closes the socket that a JDBC driver's cancel request depends on).
 *
 * <p>
 * This class is longer than most here on purpose: it is the one cancel protocol of the
 * engine, and keeping its states, its hooks and the comments on who writes what in one
 * file is what lets it be read against {@code FutureTask}.
 *
 * @author parallel-tasks authors
 */
abstract class CancelGate {

	/** Not started: it may still start, or be cancelled without ever running. */
	static final int NEW = 0;

	/** Started and not cancelled. */
	static final int RUNNING = 1;

	/** Cancelled while running: the canceller is running the hooks and interrupting. */
	static final int INTERRUPTING = 2;

	/**
	 * Cancelled while running, the canceller still interrupting, and the runner parked
	 * until it is done: the canceller unparks it.
	 */
	static final int AWAITING_INTERRUPT = 3;

	/** Cancelled while running: the interrupt has been delivered. */
	static final int INTERRUPTED = 4;

	/** The first end state; subclasses number theirs from here on. */
	static final int FIRST_END = 5;

	/**
	 * How many times {@link #awaitInterrupt()} spins before it parks: the canceller's
	 * step is short, but it may not be running.
	 */
	private static final int SPINS = 32;

	/**
	 * How many times a platform thread in {@link #awaitInterrupt()} yields, after it
	 * spun, before it parks: the canceller that it waits for is most often the thread
	 * that its own wake-up pre-empted on this CPU.
	 */
	private static final int YIELDS = 2;

	/**
	 * The hooks were taken by the canceller: a hook registered from now on runs at once.
	 */
	private static final CancelHook TAKEN = new CancelHook(null, () -> {
	});

	private static final ThreadLocal<CancelGate> CURRENT = new ThreadLocal<>();

	private static final VarHandle STATE;

	private static final VarHandle RUNNER;

	private static final VarHandle HOOKS;

	/** {@code Thread.isVirtual()} on Java 21 and later, {@code null} on Java 17. */
	private static final @Nullable MethodHandle IS_VIRTUAL = isVirtualHandle();

	/** The first park of a virtual thread in {@link #backOff(int)}; it doubles. */
	private static final long VIRTUAL_BACK_OFF_NANOS = 10_000L;

	/** The longest park of a virtual thread in {@link #backOff(int)}. */
	private static final long MAX_VIRTUAL_BACK_OFF_NANOS = 1_000_000L;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			STATE = lookup.findVarHandle(CancelGate.class, "state", int.class);
			RUNNER = lookup.findVarHandle(CancelGate.class, "runner", Thread.class);
			HOOKS = lookup.findVarHandle(CancelGate.class, "hooks", CancelHook.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private volatile int state;

	/**
	 * The thread that runs the work, if it runs on a thread of its own: claimed once by
	 * compare-and-set before {@code state} becomes {@code RUNNING}, read by the canceller
	 * after it saw {@code RUNNING}.
	 */
	private volatile @Nullable Thread runner;

	/**
	 * The stack of hooks, last registered first: pushed and popped by the runner only,
	 * taken whole by the canceller (set to {@code TAKEN}).
	 */
	private volatile @Nullable CancelHook hooks;

	/**
	 * Return the gate that the current thread runs, if any.
	 * @return the current gate, or {@code null}
	 */
	static @Nullable CancelGate current() {
		return CURRENT.get();
	}

	/**
	 * Make this gate the current thread's gate until {@link #leave(CancelGate)}.
	 * @return the gate that was current before
	 */
	final CancelGate enter() {
		CancelGate previous = CURRENT.get();
		CURRENT.set(this);
		return previous;
	}

	/**
	 * Restore what {@link #enter()} and the batch's context changed on this thread.
	 * @param previous the gate that {@link #enter()} returned
	 * @param context the scope of the batch's context, or {@code null}
	 */
	static void leave(@Nullable CancelGate previous, TaskContextPropagator.@Nullable Scope context) {
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
	 * Return the task of a batch that this work belongs to.
	 * @return the task, or {@code null} if it belongs to none
	 */
	abstract @Nullable TaskRun<?> task();

	/**
	 * Return the state that a cancel moves this gate to if it had not started.
	 */
	abstract int cancelledState();

	/**
	 * Called once when a cancel kept this gate from starting.
	 */
	abstract void prevented();

	/**
	 * Return whether the work may start now. Checked after the runner is claimed and
	 * before {@code NEW -> RUNNING}, so a cancel published before it is always seen.
	 */
	boolean mayStart() {
		return true;
	}

	/**
	 * Stop the running work. The default interrupts the runner.
	 */
	void interruptRun() {
		Thread thread = this.runner;
		if (thread != null) {
			thread.interrupt();
		}
	}

	/**
	 * Claim this gate for the current thread and move it from {@code NEW} to
	 * {@code RUNNING}.
	 * @return {@code false} if another thread runs it, or if it was cancelled or may not
	 * start
	 */
	final boolean tryRun() {
		if (this.state != NEW || !RUNNER.compareAndSet(this, null, Thread.currentThread())) {
			return false;
		}
		return mayStart() && STATE.compareAndSet(this, NEW, RUNNING);
	}

	/**
	 * Move this gate from {@code NEW} to {@code RUNNING} for work that runs on no thread
	 * of its own, such as a future.
	 * @return {@code false} if it was cancelled or may not start
	 */
	final boolean tryStart() {
		return mayStart() && STATE.compareAndSet(this, NEW, RUNNING);
	}

	/**
	 * Keep this gate from starting, or stop it if it runs: run its hooks, then
	 * {@link #interruptRun()}.
	 * @return {@code true} if this call prevented or stopped it; {@code false} if it had
	 * ended or was cancelled already
	 */
	final boolean cancel() {
		for (;;) {
			int current = this.state;
			if (current == NEW) {
				if (STATE.compareAndSet(this, NEW, cancelledState())) {
					prevented();
					return true;
				}
			}
			else if (current == RUNNING) {
				if (STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
					try {
						runHooks();
						interruptRun();
					}
					finally {
						// Whatever happened, the runner must not wait for ever. A
						// compare-and-set, not a plain write: work with no runner of its
						// own (a future's) may have ended meanwhile, on this very thread
						if (!STATE.compareAndSet(this, INTERRUPTING, INTERRUPTED)
								&& STATE.compareAndSet(this, AWAITING_INTERRUPT, INTERRUPTED)) {
							LockSupport.unpark(this.runner);
						}
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
	 * Move this gate from {@code RUNNING} to an end state, on the runner's thread.
	 * @param end the end state
	 * @return {@code false} if it was cancelled (or abandoned) meanwhile
	 */
	final boolean tryEnd(int end) {
		dropHooks();
		return STATE.compareAndSet(this, RUNNING, end);
	}

	/**
	 * Wait until a pending interrupt aimed at this gate has been delivered, then clear it
	 * from the current thread if it is the runner: a pooled thread must not carry it into
	 * the next work it runs.
	 * <p>
	 * The runner spins a little, then parks until the canceller, done, unparks it: a
	 * handoff, with no timed wake-ups. That interrupt may have woken the runner on the
	 * canceller's own CPU, pre-empting it, or on a virtual thread taken the carrier that
	 * the canceller needs; parking gives either back. A platform thread first yields,
	 * twice at most, as {@code FutureTask} does while its canceller interrupts: a
	 * canceller pre-empted on this CPU then finishes at once, and the runner goes on
	 * without the park and the unpark, each a system call that would pre-empt the
	 * canceller again, on its way to the next sibling (with 1000 siblings on a pool of
	 * 1001 threads and 2 cores, the template took 0.99x the hand-written cancel at p50
	 * instead of 1.06-1.26x). A virtual thread does not: there {@code Thread.yield()}
	 * keeps its carrier. The interrupt status is cleared before each park, since a thread
	 * whose status is set does not park: what the runner clears there, it would clear
	 * after the wait anyway.
	 */
	final void awaitInterrupt() {
		if (this.runner != Thread.currentThread()) {
			return;
		}
		for (int spins = 0; this.state == INTERRUPTING && spins < SPINS; spins++) {
			Thread.onSpinWait();
		}
		if (this.state == INTERRUPTING && !isVirtual()) {
			for (int yields = 0; this.state == INTERRUPTING && yields < YIELDS; yields++) {
				Thread.yield();
			}
		}
		if (this.state == INTERRUPTING && STATE.compareAndSet(this, INTERRUPTING, AWAITING_INTERRUPT)) {
			do {
				Thread.interrupted();
				LockSupport.park(this);
			}
			while (this.state == AWAITING_INTERRUPT);
		}
		Thread.interrupted();
	}

	/**
	 * Move a cancelled gate to an end state.
	 * @param end the end state
	 * @return {@code false} if it was no longer cancelled but, for instance, abandoned
	 */
	final boolean endAfterCancel(int end) {
		for (;;) {
			int current = this.state;
			if (current != INTERRUPTING && current != INTERRUPTED) {
				return false;
			}
			if (STATE.compareAndSet(this, current, end)) {
				return true;
			}
		}
	}

	final boolean compareAndSetState(int expected, int state) {
		return STATE.compareAndSet(this, expected, state);
	}

	final int rawState() {
		return this.state;
	}

	final boolean isNew() {
		return this.state == NEW;
	}

	/**
	 * Return whether this gate's work has been, or is being, interrupted to cancel it.
	 */
	final boolean isInterruptAimedAt() {
		int current = this.state;
		return current == INTERRUPTING || current == AWAITING_INTERRUPT || current == INTERRUPTED;
	}

	/**
	 * Register a hook to run when this gate is cancelled while it runs; called on the
	 * runner's thread. A hook registered after the cancel runs at once.
	 * @param action the hook
	 * @return its registration
	 */
	final CancelRegistration register(AutoCloseable action) {
		CancelHook hook = new CancelHook(this, action);
		for (;;) {
			CancelHook head = this.hooks;
			if (head == TAKEN) {
				hook.runOnce();
				return hook;
			}
			CancelHook next = head;
			while (next != null && next.isRemoved()) {
				// Closed out of order: leave it behind now
				next = next.next;
			}
			hook.next = next;
			if (HOOKS.compareAndSet(this, head, hook)) {
				return hook;
			}
		}
	}

	/**
	 * Take a closed hook off the stack, if it is on top; called on the runner's thread.
	 */
	final void unlink(CancelHook hook) {
		HOOKS.compareAndSet(this, hook, hook.next);
	}

	private void runHooks() {
		CancelHook hook = (CancelHook) HOOKS.getAndSet(this, TAKEN);
		for (; hook != null && hook != TAKEN; hook = hook.next) {
			hook.runOnce();
		}
	}

	private void dropHooks() {
		// A hook that was never closed must not outlive its work
		CancelHook head = this.hooks;
		if (head != null && head != TAKEN) {
			HOOKS.compareAndSet(this, head, null);
		}
	}

	/**
	 * Wait a moment for another thread to finish a short step, such as delivering an
	 * interrupt, where no handoff tells the waiting thread when it is done: the batch's
	 * owner abandoning a task once the grace period has passed, which is rare (the runner
	 * itself parks until the canceller unparks it, see {@link #awaitInterrupt()}). After
	 * a few spins, give the CPU back rather than burn the time slice that the other
	 * thread needs.
	 * <p>
	 * {@code Thread.yield()} gives the CPU back only on a platform thread. On a virtual
	 * thread it yields the carrier to other virtual threads, and when there are none it
	 * returns at once: the wait stays a busy loop that keeps a carrier, and its CPU,
	 * while the canceller (pre-empted, or waiting for a carrier) cannot finish. A virtual
	 * thread parks instead, for 10 µs doubling up to 1 ms, which frees its carrier.
	 * @param attempt how many times the caller has waited already
	 */
	static void backOff(int attempt) {
		if (attempt < 32) {
			Thread.onSpinWait();
		}
		else if (isVirtual()) {
			int doublings = Math.min(attempt - 32, 7);
			LockSupport.parkNanos(Math.min(VIRTUAL_BACK_OFF_NANOS << doublings, MAX_VIRTUAL_BACK_OFF_NANOS));
		}
		else {
			Thread.yield();
		}
	}

	private static boolean isVirtual() {
		if (IS_VIRTUAL == null) {
			return false;
		}
		try {
			return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
		}
		catch (Throwable ex) {
			return false;
		}
	}

	private static @Nullable MethodHandle isVirtualHandle() {
		try {
			return MethodHandles.publicLookup()
				.findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
		}
		catch (ReflectiveOperationException ex) {
			return null;
		}
	}

}
