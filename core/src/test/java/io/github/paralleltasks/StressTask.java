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

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One task of the stress test, and its own ledger of what it did: how often it started
 * and ended, what it returned or threw, whether it saw an interrupt, and, for an
 * asynchronous call, whether its future was cancelled.
 *
 * @author parallel-tasks authors
 */
final class StressTask implements Callable<Object> {

	/**
	 * What a task does.
	 */
	enum Kind {

		/** Return at once. */
		IMMEDIATE,

		/** Park for a while, then return; throw when interrupted. */
		PARK,

		/** Wait on a latch that nobody counts down, with a timeout, then return. */
		LATCH_WAIT,

		/** Throw a tolerated exception, after a park. */
		TOLERATED,

		/** Throw a fatal exception, after a park. */
		FATAL,

		/** Park for a while and swallow interrupts, then return. */
		IGNORE_INTERRUPTS,

		/** Wait 10 s on a latch: only in a batch with a timeout, which must cancel it. */
		LONG_BLOCK,

		/** Run a nested batch, and pass on how it ended. */
		NESTED

	}

	private final StressContext context;

	final String label;

	final Kind kind;

	final boolean async;

	final String name;

	private final long waitNanos;

	private final boolean variant;

	final StressBatch nested;

	final AtomicInteger started = new AtomicInteger();

	final AtomicInteger ended = new AtomicInteger();

	final AtomicBoolean cancelCalled = new AtomicBoolean();

	volatile Object returned;

	volatile Throwable thrown;

	volatile boolean sawInterrupt;

	volatile CompletableFuture<Object> future;

	/**
	 * Create a task.
	 * @param context what the tasks share
	 * @param label the label of the task in reports
	 * @param kind what the task does
	 * @param async whether it is an asynchronous call rather than a callable
	 * @param name its name, or {@code null}
	 * @param waitNanos how long it parks or waits
	 * @param variant for a fatal call, throw from the supplier; for a task that ignores
	 * interrupts, set its flag again; for a nested batch, throw the fatal cause
	 * @param nested the nested batch, for {@link Kind#NESTED}
	 */
	StressTask(StressContext context, String label, Kind kind, boolean async, String name, long waitNanos,
			boolean variant, StressBatch nested) {
		this.context = context;
		this.label = label;
		this.kind = kind;
		this.async = async;
		this.name = name;
		this.waitNanos = waitNanos;
		this.variant = variant;
		this.nested = nested;
	}

	/**
	 * Return the callable to submit: this task, or this task with its name.
	 */
	Callable<Object> callable() {
		return (this.name != null) ? ParallelTask.named(this.name, this) : this;
	}

	@Override
	public Object call() throws Exception {
		begin();
		if (Thread.currentThread().isInterrupted() && !ParallelTaskTemplate.isCancelled()) {
			this.context.violation(this.label + " started on " + Thread.currentThread().getName()
					+ " with an interrupt flag it was not cancelled for");
		}
		try {
			Object value = work();
			this.returned = value;
			return value;
		}
		catch (Exception | Error ex) {
			this.thrown = ex;
			throw ex;
		}
		finally {
			this.ended.incrementAndGet();
		}
	}

	/**
	 * Start the asynchronous call, on the thread that forks it.
	 */
	CompletableFuture<Object> start() {
		begin();
		if (this.kind == Kind.FATAL && this.variant) {
			StressFatalException ex = new StressFatalException(this.label);
			this.thrown = ex;
			this.ended.incrementAndGet();
			throw ex;
		}
		LedgerFuture started = new LedgerFuture(this);
		this.future = started;
		if (this.kind == Kind.IMMEDIATE) {
			Object value = value();
			this.returned = value;
			this.ended.incrementAndGet();
			started.complete(value);
			return started;
		}
		this.context.asyncExecutor().execute(() -> runAsync(started));
		return started;
	}

	private void runAsync(CompletableFuture<Object> started) {
		if (Thread.currentThread().isInterrupted()) {
			this.context.violation(this.label + " (async) started on " + Thread.currentThread().getName()
					+ " with its interrupt flag set");
		}
		try {
			Object value = work();
			this.returned = value;
			started.complete(value);
		}
		catch (Throwable ex) {
			this.thrown = ex;
			started.completeExceptionally(ex);
		}
		finally {
			this.ended.incrementAndGet();
		}
	}

	/**
	 * Return what the task threw and handed to its batch: for an asynchronous call, what
	 * it threw from its supplier, or what completed its future, unless the future was
	 * cancelled first.
	 */
	Throwable deliveredFailure() {
		CompletableFuture<Object> started = this.future;
		if (!this.async || started == null) {
			return this.thrown;
		}
		boolean failed = started.isCompletedExceptionally() && !started.isCancelled();
		return failed ? this.thrown : null;
	}

	private void begin() {
		if (this.started.incrementAndGet() != 1) {
			this.context.violation(this.label + " started more than once");
		}
	}

	private Object work() throws Exception {
		switch (this.kind) {
			case PARK -> park(this.waitNanos);
			case LATCH_WAIT -> await(this.waitNanos);
			case TOLERATED -> {
				park(this.waitNanos);
				throw new StressToleratedException(this.label);
			}
			case FATAL -> {
				park(this.waitNanos);
				throw new StressFatalException(this.label);
			}
			case IGNORE_INTERRUPTS -> ignoreInterrupts();
			case LONG_BLOCK -> {
				await(TimeUnit.SECONDS.toNanos(10));
				this.context.violation(this.label + " blocked 10 s without being cancelled");
			}
			case NESTED -> {
				return this.nested.runNested(this.context.nestedTemplate(), this.variant);
			}
			default -> {
			}
		}
		return value();
	}

	private Object value() {
		return new StringBuilder(this.label).append("-value").toString();
	}

	private void park(long nanos) throws InterruptedException {
		if (nanos > 0) {
			LockSupport.parkNanos(nanos);
			if (Thread.interrupted()) {
				this.sawInterrupt = true;
				throw new InterruptedException(this.label + " interrupted");
			}
		}
	}

	private void await(long nanos) throws InterruptedException {
		try {
			new CountDownLatch(1).await(nanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			this.sawInterrupt = true;
			throw ex;
		}
	}

	private void ignoreInterrupts() {
		long deadline = System.nanoTime() + this.waitNanos;
		boolean interrupted = false;
		for (long left = this.waitNanos; left > 0; left = deadline - System.nanoTime()) {
			LockSupport.parkNanos(left);
			if (Thread.interrupted()) {
				interrupted = true;
			}
		}
		this.sawInterrupt = interrupted;
		if (interrupted && this.variant) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return this.label + "[" + this.kind + (this.async ? ", async" : "") + ((this.name != null) ? ", named" : "")
				+ ", " + this.waitNanos / 1000 + "us" + (this.variant ? ", variant" : "") + "]";
	}

	/**
	 * A future that records that it was cancelled.
	 */
	private static final class LedgerFuture extends CompletableFuture<Object> {

		private final StressTask task;

		LedgerFuture(StressTask task) {
			this.task = task;
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			this.task.cancelCalled.set(true);
			return super.cancel(mayInterruptIfRunning);
		}

	}

	/**
	 * A tolerated exception.
	 */
	static final class StressToleratedException extends RuntimeException {

		StressToleratedException(String label) {
			super("tolerated failure of " + label, null, false, false);
		}

	}

	/**
	 * A fatal exception.
	 */
	@FatalError
	static final class StressFatalException extends RuntimeException {

		StressFatalException(String label) {
			super("fatal failure of " + label, null, false, false);
		}

	}

}
