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
import java.util.function.Supplier;

/**
 * The hook through which an executor lets a batch supervise the asynchronous calls it
 * starts: a batch can then prevent a queued call from starting, interrupt the thread of a
 * running one, and wait for it to end. Apply {@link #decorate(Runnable)} to every
 * {@code Runnable} that an executor is handed, for example from a Spring
 * {@code TaskDecorator}; with Spring Boot, parallel-tasks does so for the application's
 * {@code ThreadPoolTaskExecutor} and {@code SimpleAsyncTaskExecutor} beans.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public final class AsyncSupervision {

	private AsyncSupervision() {
	}

	/**
	 * Return a {@code Runnable} that the batch whose call the current thread is starting
	 * can prevent from running or interrupt, or the given one if the current thread is
	 * starting no call of a batch. Decorating a runnable twice is harmless.
	 * @param task the runnable that an executor was handed
	 * @return the runnable to execute instead
	 */
	public static Runnable decorate(Runnable task) {
		BoundWorker.Owner starting = BoundWorker.starting();
		if (starting == null || task instanceof BoundWorker) {
			return task;
		}
		return starting.bind(task);
	}

	/**
	 * Start an asynchronous call, typically of an {@code @Async} method, so that
	 * {@code cancel(true)} on the future it returns interrupts the thread that runs it,
	 * and {@code cancel(false)} keeps it from starting if it is still queued, provided
	 * that its executor applies {@link #decorate(Runnable)}. Inside a batch's call, the
	 * batch already supervises it, and the call's own future is returned.
	 * @param <T> the type of the call's value
	 * @param call the call
	 * @return a future that completes as the call's future does
	 */
	public static <T> CompletableFuture<T> interruptible(Supplier<? extends CompletableFuture<T>> call) {
		if (BoundWorker.starting() != null) {
			return call.get();
		}
		return InterruptibleCall.start(call);
	}

}
