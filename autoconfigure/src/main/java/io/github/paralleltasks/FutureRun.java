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

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A task that starts an asynchronous call, typically of an {@code @Async} method, and is
 * supervised through the future that the call returns. It is stopped by cancelling that
 * future.
 *
 * @param <T> the type of the task's value
 * @author parallel-tasks authors
 */
final class FutureRun<T> extends TaskRun<T> implements BiConsumer<Object, Throwable> {

	private final Supplier<? extends CompletableFuture<? extends T>> call;

	private volatile CompletableFuture<?> future;

	FutureRun(Batch batch, int index, String givenName, Supplier<? extends CompletableFuture<? extends T>> call) {
		super(batch, index, givenName);
		this.call = call;
	}

	/**
	 * Start the call on the caller's thread, unless the batch was cancelled first.
	 */
	void start() {
		if (!tryStart()) {
			return;
		}
		CompletableFuture<?> started;
		try {
			started = this.call.get();
		}
		catch (Throwable ex) {
			finish(null, ex);
			return;
		}
		if (started == null) {
			finish(null,
					new NullPointerException("Call '" + name() + "' returned null instead of a CompletableFuture"));
			return;
		}
		this.future = started;
		int current = rawState();
		if (current == INTERRUPTING || current == INTERRUPTED) {
			// Cancelled while the call was starting, before the future was visible
			started.cancel(true);
		}
		started.whenComplete(this);
	}

	@Override
	public void accept(Object result, Throwable failure) {
		finish(result, failure);
	}

	@Override
	void interruptRun() {
		CompletableFuture<?> started = this.future;
		if (started != null) {
			started.cancel(true);
		}
	}

}
