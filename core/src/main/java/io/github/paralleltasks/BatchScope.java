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

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

/**
 * The {@link ParallelTaskScope} of one {@link Batch}.
 *
 * @author parallel-tasks authors
 */
final class BatchScope implements ParallelTaskScope {

	private final Batch batch;

	private final Executor executor;

	private boolean joined;

	BatchScope(Batch batch, Executor executor) {
		this.batch = batch;
		this.executor = executor;
	}

	@Override
	public <T> Subtask<T> fork(Callable<? extends T> task) {
		Objects.requireNonNull(task, "Task must not be null");
		return fork(TaskSpec.nameOf(task), task);
	}

	@Override
	public <T> Subtask<T> fork(@Nullable String name, Callable<? extends T> task) {
		Objects.requireNonNull(task, "Task must not be null");
		checkNotJoined();
		CallableRun<T> run = new CallableRun<>(this.batch, this.batch.size(), name, task);
		this.batch.fork(run, this.executor);
		return run;
	}

	@Override
	public <T> Subtask<T> forkAsync(AsyncCall<? extends T> call) {
		Objects.requireNonNull(call, "Call must not be null");
		return forkAsync(TaskSpec.nameOf(call), call);
	}

	@Override
	public <T> Subtask<T> forkAsync(@Nullable String name, AsyncCall<? extends T> call) {
		Objects.requireNonNull(call, "Call must not be null");
		checkNotJoined();
		FutureRun<T> run = new FutureRun<>(this.batch, this.batch.size(), name, call);
		this.batch.forkAsync(run);
		return run;
	}

	@Override
	public ParallelResult<Object> join() {
		checkNotJoined();
		this.batch.checkOwner();
		this.joined = true;
		return this.batch.join();
	}

	@Override
	public boolean isCancelled() {
		return this.batch.isCancelled();
	}

	/**
	 * End the scope when its callback has returned or thrown: a scope left without a join
	 * cancels the tasks that have not ended and waits for them, and a fatal error that
	 * one of them had thrown is not lost.
	 * @param failure what the callback threw, or {@code null} if it returned
	 * @throws FatalTaskException if the callback returned, the scope was not joined, and
	 * a task had thrown a fatal error
	 */
	void close(@Nullable Throwable failure) {
		if (this.joined) {
			return;
		}
		this.joined = true;
		FatalTaskException fatal = BatchEnd.close(this.batch);
		if (fatal == null) {
			return;
		}
		if (failure != null) {
			failure.addSuppressed(fatal);
		}
		else {
			throw fatal;
		}
	}

	private void checkNotJoined() {
		if (this.joined) {
			throw new IllegalStateException("Scope was already joined");
		}
	}

}
