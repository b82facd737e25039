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
package io.github.paralleltasks.http;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The cancellation of one HTTP exchange: how to abort it, once the HTTP client has shown
 * how, and whether it was cancelled.
 *
 * <p>
 * Possible state transitions of {@link #state}: {@code null -> abort} (the client's seam
 * offers how to abort the request), {@code abort -> abort'} (it offers another one, for
 * example a retried request), {@code null -> CANCELLED} and {@code abort -> CANCELLED}
 * (the task is cancelled: the abort that was there runs, and an abort offered later runs
 * at once, on the thread that offers it).
 *
 * @author parallel-tasks authors
 */
final class RequestCancellation {

	private static final Object CANCELLED = new Object();

	private static final ThreadLocal<RequestCancellation> current = new ThreadLocal<>();

	// written by the requesting thread (offers) and the cancelling thread (cancel)
	private final AtomicReference<Object> state = new AtomicReference<>();

	/**
	 * Return the cancellation of the request that the current thread is executing.
	 * @return the current request's cancellation, or {@code null} outside {@link #bind()}
	 */
	static RequestCancellation current() {
		return current.get();
	}

	/**
	 * Make this the current cancellation of the calling thread, until the returned scope
	 * is closed.
	 * @return the scope that restores the previous one
	 */
	Scope bind() {
		RequestCancellation previous = current.get();
		current.set(this);
		return () -> {
			if (previous != null) {
				current.set(previous);
			}
			else {
				current.remove();
			}
		};
	}

	/**
	 * Offer how to abort the request. Runs {@code abort} at once when the request was
	 * already cancelled.
	 * @param abort aborts the request from any thread
	 */
	void abortWith(Runnable abort) {
		while (true) {
			Object previous = this.state.get();
			if (previous == CANCELLED) {
				abort.run();
				return;
			}
			if (this.state.compareAndSet(previous, abort)) {
				return;
			}
		}
	}

	/**
	 * Cancel the request: run the abort offered so far, if any.
	 */
	void cancel() {
		Object previous = this.state.getAndSet(CANCELLED);
		if (previous instanceof Runnable abort) {
			abort.run();
		}
	}

	boolean isCancelled() {
		return this.state.get() == CANCELLED;
	}

	/**
	 * A binding of the current cancellation.
	 */
	interface Scope extends AutoCloseable {

		@Override
		void close();

	}

}
