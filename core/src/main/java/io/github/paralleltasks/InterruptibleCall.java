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

import io.github.paralleltasks.context.TaskContextPropagator;
import org.jspecify.annotations.Nullable;

/**
 * An asynchronous call made outside any batch whose future interrupts the call's thread
 * when it is cancelled, as a {@code FutureTask} would.
 *
 * @author parallel-tasks authors
 */
final class InterruptibleCall implements BoundWorker.Owner {

	private final BoundWorkers workers = new BoundWorkers();

	private volatile boolean cancelled;

	static <T> CompletableFuture<T> start(Supplier<? extends CompletableFuture<T>> call) {
		InterruptibleCall owner = new InterruptibleCall();
		CompletableFuture<T> started = BoundWorker.startCall(owner, call::get);
		if (started == null || owner.workers.isEmpty()) {
			return started;
		}
		return new InterruptibleFuture<>(started, owner);
	}

	@Override
	public boolean mayStartWorker() {
		return !this.cancelled;
	}

	@Override
	public Runnable bind(Runnable work) {
		return this.workers.bind(this, work);
	}

	@Override
	public @Nullable TaskRun<?> ownerTask() {
		return null;
	}

	@Override
	public TaskContextPropagator.@Nullable Scope restoreContext() {
		return null;
	}

	@Override
	public void workerEnded() {
	}

	void cancel(boolean mayInterruptIfRunning) {
		this.cancelled = true;
		if (mayInterruptIfRunning) {
			this.workers.cancelAll();
		}
	}

	/**
	 * A future that completes as the call's own future does, and whose
	 * {@code cancel(true)} also interrupts the call's thread.
	 */
	private static final class InterruptibleFuture<T> extends CompletableFuture<T> {

		private final CompletableFuture<T> source;

		private final InterruptibleCall call;

		InterruptibleFuture(CompletableFuture<T> source, InterruptibleCall call) {
			this.source = source;
			this.call = call;
			source.whenComplete((value, failure) -> {
				if (failure != null) {
					completeExceptionally(failure);
				}
				else {
					complete(value);
				}
			});
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			boolean cancelled = super.cancel(mayInterruptIfRunning);
			if (cancelled) {
				this.call.cancel(mayInterruptIfRunning);
				this.source.cancel(mayInterruptIfRunning);
			}
			return cancelled;
		}

		@Override
		public <U> CompletableFuture<U> newIncompleteFuture() {
			return new CompletableFuture<>();
		}

	}

}
