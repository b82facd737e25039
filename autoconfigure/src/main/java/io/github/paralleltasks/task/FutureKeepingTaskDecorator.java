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

package io.github.paralleltasks.task;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * {@link TaskDecorator} that keeps a task that is a {@link Future} within reach of its
 * executor's shutdown when other decorators wrap it. {@link ThreadPoolTaskExecutor}
 * cancels the {@code Future}s among the tasks that its shutdown drops; a task wrapped by
 * a decorator it finds only through a map whose entries a garbage collection may clear
 * ({@code decoratedTaskMap}, a weak {@code ConcurrentReferenceHashMap}), and a task of a
 * batch that is not cancelled then never ends. This decorator hands the executor a
 * wrapper that runs the decorated task and is itself a {@code Future} of the original.
 *
 * @author parallel-tasks authors
 */
final class FutureKeepingTaskDecorator implements TaskDecorator {

	private final TaskDecorator delegate;

	FutureKeepingTaskDecorator(TaskDecorator delegate) {
		this.delegate = delegate;
	}

	@Override
	public Runnable decorate(Runnable runnable) {
		Runnable decorated = this.delegate.decorate(runnable);
		if (decorated == runnable || !(runnable instanceof Future<?> future)) {
			return decorated;
		}
		return new DecoratedFuture<>(decorated, future);
	}

	/**
	 * A decorated task that is the {@code Future} of the task it decorates.
	 */
	private static final class DecoratedFuture<T> implements RunnableFuture<T> {

		private final Runnable decorated;

		private final Future<T> future;

		DecoratedFuture(Runnable decorated, Future<T> future) {
			this.decorated = decorated;
			this.future = future;
		}

		@Override
		public void run() {
			this.decorated.run();
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			return this.future.cancel(mayInterruptIfRunning);
		}

		@Override
		public boolean isCancelled() {
			return this.future.isCancelled();
		}

		@Override
		public boolean isDone() {
			return this.future.isDone();
		}

		@Override
		public T get() throws InterruptedException, ExecutionException {
			return this.future.get();
		}

		@Override
		public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
			return this.future.get(timeout, unit);
		}

		@Override
		public String toString() {
			return this.decorated.toString();
		}

	}

}
