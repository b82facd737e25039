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
import java.util.concurrent.TimeUnit;

/**
 * A dedicated thread that calls a template, so that a test can interrupt the caller and
 * read how the call ended, including the caller's interrupt flag.
 *
 * @author parallel-tasks authors
 */
final class CallerThread {

	private final Thread thread;

	private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

	private CallerThread(Callable<?> action) {
		this.thread = new Thread(() -> run(action), "test-caller");
	}

	/**
	 * Start a thread that runs the given action.
	 */
	static CallerThread start(Callable<?> action) {
		CallerThread caller = new CallerThread(action);
		caller.thread.start();
		return caller;
	}

	private void run(Callable<?> action) {
		Object value = null;
		Throwable exception = null;
		try {
			value = action.call();
		}
		catch (Throwable ex) {
			exception = ex;
		}
		this.outcome.complete(new Outcome(value, exception, Thread.currentThread().isInterrupted()));
	}

	void interrupt() {
		this.thread.interrupt();
	}

	/**
	 * Wait for the action to end and return how it ended.
	 */
	Outcome outcome() throws Exception {
		return this.outcome.get(TestTasks.WAIT.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * How the action ended.
	 *
	 * @param value what it returned
	 * @param exception what it threw
	 * @param interrupted whether the caller's interrupt flag was set afterwards
	 */
	record Outcome(Object value, Throwable exception, boolean interrupted) {

	}

}
