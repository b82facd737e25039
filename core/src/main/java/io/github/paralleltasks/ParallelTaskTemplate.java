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

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

import io.github.paralleltasks.context.TaskContextPropagator;
import io.github.paralleltasks.metrics.ParallelTaskMetrics;
import org.jspecify.annotations.Nullable;

// Over ~300 lines because this is the whole user API with its javadoc: about 210 lines
// are code; the engine is in the package-private Batch, BatchWait and the task classes.

/**
 * Runs batches of sibling tasks in parallel on an {@link Executor} and supervises them.
 *
 * <p>
 * On the first {@linkplain FatalError fatal} error, on the thread that met it, the batch
 * is marked cancelled so that no queued task starts, and every running sibling is
 * interrupted; the caller then waits for the siblings to end, at most for the cancel
 * grace period, and gets a {@link FatalTaskException}. A tolerated error is logged once
 * at WARN level, counted, and recorded in {@link ParallelResult#failures()}; the other
 * tasks go on.
 *
 * <p>
 * A template is thread-safe and meant to be shared. With Spring Boot, one is
 * auto-configured on the application's {@code applicationTaskExecutor}; without it, use
 * {@link #builder(Executor)}.
 *
 * <p>
 * Tasks that never block can poll {@link #isCancelled()} to stop early.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public class ParallelTaskTemplate implements ParallelTaskOperations {

	private static final Duration DEFAULT_CANCEL_GRACE_PERIOD = Duration.ofSeconds(5);

	private final Executor executor;

	private final @Nullable Duration defaultTimeout;

	private final BatchSettings settings;

	private ParallelTaskTemplate(Executor executor, FatalErrorPolicy fatalErrorPolicy, ParallelTaskMetrics metrics,
			TaskContextPropagator contextPropagator, @Nullable Duration defaultTimeout, Duration cancelGracePeriod,
			@Nullable String batchName) {
		this(executor, (defaultTimeout != null) ? checkPositive(defaultTimeout, "Default timeout") : null,
				new BatchSettings(batchName,
						Objects.requireNonNull(fatalErrorPolicy, "Fatal error policy must not be null"),
						Objects.requireNonNull(metrics, "Metrics must not be null"),
						Objects.requireNonNull(contextPropagator, "Context propagator must not be null"),
						checkGracePeriod(cancelGracePeriod)));
	}

	private ParallelTaskTemplate(Executor executor, @Nullable Duration defaultTimeout, BatchSettings settings) {
		this.executor = Objects.requireNonNull(executor, "Executor must not be null");
		this.defaultTimeout = defaultTimeout;
		this.settings = settings;
	}

	/**
	 * Return a builder of a template that runs its tasks on the given executor.
	 * @param executor the executor that runs the tasks
	 * @return the builder
	 */
	public static Builder builder(Executor executor) {
		return new Builder(executor);
	}

	/**
	 * Return whether the batch of the task that the current thread runs has been
	 * cancelled, or a batch that encloses it. Work that never blocks, and so is never
	 * interrupted, can poll it to stop early.
	 * @return {@code true} if the current task's batch was cancelled; {@code false} if it
	 * was not, or if the current thread runs no task of a batch
	 */
	public static boolean isCancelled() {
		TaskRun<?> current = TaskRun.current();
		return current != null && current.isCancelRequested();
	}

	/**
	 * Register a hook that stops the work the current task waits on, for instance
	 * {@code statement::cancel} around a JDBC call or {@code connection::disconnect}
	 * around an HTTP request, when the task is cancelled. Interrupting the thread does
	 * not reach such work (a platform thread blocked in a socket read does not wake up,
	 * and a query goes on in the database), so a cancel runs the hooks of a running task
	 * first, last registered first, each at most once, and then interrupts its thread. A
	 * hook that throws is logged at WARN and the cancel goes on.
	 * <p>
	 * Close the returned registration when the work is done, typically with
	 * try-with-resources. A hook registered after the task was cancelled runs at once, on
	 * the calling thread. The thread of a task is the thread that runs a {@code Callable}
	 * of a batch, or an {@code @Async} method that a batch supervises. On any other
	 * thread this method does nothing and returns a registration that does nothing; it
	 * allocates nothing then, and one small object otherwise, with no lock.
	 * @param hook what stops the work; its {@code close()} is called on cancel
	 * @return the registration, to close when the work is done
	 * @since 0.1.0
	 */
	public static CancelRegistration onCancel(AutoCloseable hook) {
		Objects.requireNonNull(hook, "Hook must not be null");
		CancelGate gate = CancelGate.current();
		return (gate != null) ? gate.register(hook) : CancelHook.NONE;
	}

	/**
	 * Return a template like this one whose batches carry the given name, in logs and as
	 * the {@code batch} tag of the metrics. Name batches for what they do
	 * ({@code "checkout"}), never with values from requests.
	 * @param name the name of the batches
	 * @return a template for batches of that name
	 */
	@Override
	public ParallelTaskTemplate batch(String name) {
		Objects.requireNonNull(name, "Batch name must not be null");
		if (name.isBlank()) {
			throw new IllegalArgumentException("Batch name must not be blank");
		}
		return new ParallelTaskTemplate(this.executor, this.defaultTimeout, this.settings.withName(name));
	}

	/**
	 * Cancel every batch in flight of this template and of the templates made from it
	 * with {@link #batch(String)}, and every batch that they start from now on: their
	 * tasks are cancelled as on a fatal error, and each caller gets a
	 * {@link ParallelShutdownException} once its tasks have ended, or at the latest after
	 * the cancel grace period. Called when the application context closes, so that a slow
	 * fan-out does not hold up the shutdown; calling it again does nothing more.
	 * @return how many batches this call cancelled
	 * @since 0.1.0
	 */
	public int shutdown() {
		return this.settings.registry().shutdown();
	}

	/**
	 * Let batches run again after {@link #shutdown()}, as when a stopped application
	 * context is started again (Spring's test framework pauses the contexts that it
	 * caches this way). Batches cancelled by the shutdown stay cancelled.
	 * @since 0.1.0
	 */
	public void reopen() {
		this.settings.registry().reopen();
	}

	/**
	 * Return whether {@link #shutdown()} was called on this template or on a template it
	 * was made from or that was made from it.
	 * @return {@code true} if batches are cancelled as they open
	 * @since 0.1.0
	 */
	public boolean isShutDown() {
		return this.settings.registry().isShutDown();
	}

	@Override
	public <T> ParallelResult<T> invokeAll(List<? extends Callable<? extends T>> tasks) {
		return doInvokeAll(tasks, this.defaultTimeout);
	}

	@Override
	public <T> ParallelResult<T> invokeAll(List<? extends Callable<? extends T>> tasks, Duration timeout) {
		return doInvokeAll(tasks, checkPositive(timeout, "Timeout"));
	}

	private <T> ParallelResult<T> doInvokeAll(List<? extends Callable<? extends T>> tasks, @Nullable Duration timeout) {
		Object[] checked = checkElements(tasks, "Tasks", "Task");
		if (checked.length == 0) {
			return ParallelResult.empty();
		}
		Batch batch = openBatch(timeout, checked.length);
		batch.forkAll(checked, this.executor);
		return batch.join();
	}

	@Override
	public <T> ParallelResult<T> awaitAll(List<? extends AsyncCall<? extends T>> calls) {
		return doAwaitAll(calls, this.defaultTimeout);
	}

	@Override
	public <T> ParallelResult<T> awaitAll(List<? extends AsyncCall<? extends T>> calls, Duration timeout) {
		return doAwaitAll(calls, checkPositive(timeout, "Timeout"));
	}

	@SuppressWarnings("unchecked")
	private <T> ParallelResult<T> doAwaitAll(List<? extends AsyncCall<? extends T>> calls, @Nullable Duration timeout) {
		Object[] checked = checkElements(calls, "Calls", "Call");
		if (checked.length == 0) {
			return ParallelResult.empty();
		}
		Batch batch = openBatch(timeout, checked.length);
		for (int i = 0; i < checked.length; i++) {
			AsyncCall<? extends T> call = (AsyncCall<? extends T>) checked[i];
			batch.forkAsync(new FutureRun<T>(batch, i, TaskSpec.nameOf(call), call));
		}
		return batch.join();
	}

	@Override
	public <R, E extends Exception> R execute(ParallelScopeCallback<R, E> callback) throws E {
		return doExecute(this.defaultTimeout, callback);
	}

	@Override
	public <R, E extends Exception> R execute(Duration timeout, ParallelScopeCallback<R, E> callback) throws E {
		return doExecute(checkPositive(timeout, "Timeout"), callback);
	}

	private <R, E extends Exception> R doExecute(@Nullable Duration timeout, ParallelScopeCallback<R, E> callback)
			throws E {
		Objects.requireNonNull(callback, "Callback must not be null");
		BatchScope scope = new BatchScope(openBatch(timeout, 0), this.executor);
		R result;
		try {
			result = callback.doInScope(scope);
		}
		catch (Throwable ex) {
			// Any throwable, including a checked exception thrown sneakily (Kotlin,
			// Lombok): the forks must not outlive the scope
			scope.close(ex);
			throw ex;
		}
		scope.close(null);
		return result;
	}

	private Batch openBatch(@Nullable Duration timeout, int size) {
		if (Thread.interrupted()) {
			Thread.currentThread().interrupt();
			throw new ParallelInterruptedException("Interrupted before the batch started; no task was run",
					ParallelResult.empty());
		}
		return new Batch(this.settings, timeout, size);
	}

	/**
	 * Check the elements and copy them, so that every task that the batch counts on is
	 * forked, whatever the list does.
	 */
	private static Object[] checkElements(List<?> elements, String what, String element) {
		Objects.requireNonNull(elements, () -> what + " must not be null");
		Object[] checked = elements.toArray();
		for (int i = 0; i < checked.length; i++) {
			if (checked[i] == null) {
				throw new NullPointerException(element + " at index " + i + " must not be null");
			}
		}
		return checked;
	}

	private static Duration checkGracePeriod(Duration cancelGracePeriod) {
		Objects.requireNonNull(cancelGracePeriod, "Cancel grace period must not be null");
		if (cancelGracePeriod.isNegative()) {
			throw new IllegalArgumentException(
					"Cancel grace period must not be negative, but was " + cancelGracePeriod);
		}
		return cancelGracePeriod;
	}

	private static Duration checkPositive(Duration timeout, String what) {
		Objects.requireNonNull(timeout, () -> what + " must not be null");
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException(what + " must be positive, but was " + timeout);
		}
		return timeout;
	}

	/**
	 * Return the executor that runs the tasks.
	 * @return the executor
	 */
	public Executor getExecutor() {
		return this.executor;
	}

	/**
	 * Return the policy that tells fatal errors from tolerated ones.
	 * @return the policy
	 */
	public FatalErrorPolicy getFatalErrorPolicy() {
		return this.settings.fatalErrorPolicy();
	}

	/**
	 * Return the metrics that the template records to.
	 * @return the metrics
	 */
	public ParallelTaskMetrics getMetrics() {
		return this.settings.metrics();
	}

	/**
	 * Return what carries the caller's context to the tasks.
	 * @return the context propagator
	 */
	public TaskContextPropagator getContextPropagator() {
		return this.settings.contextPropagator();
	}

	/**
	 * Return the timeout of batches that are given none, if any.
	 * @return the default timeout, or {@code null}
	 */
	public @Nullable Duration getDefaultTimeout() {
		return this.defaultTimeout;
	}

	/**
	 * Return how long a cancelled batch waits for its tasks to end.
	 * @return the cancel grace period
	 */
	public Duration getCancelGracePeriod() {
		return this.settings.cancelGracePeriod();
	}

	/**
	 * Return the name of this template's batches, if any.
	 * @return the batch name, or {@code null}
	 */
	public @Nullable String getBatchName() {
		return this.settings.name();
	}

	/**
	 * Builder of a {@link ParallelTaskTemplate}.
	 */
	public static final class Builder {

		private final Executor executor;

		private FatalErrorPolicy fatalErrorPolicy = FatalErrorPolicy.annotated();

		private ParallelTaskMetrics metrics = ParallelTaskMetrics.NONE;

		private TaskContextPropagator contextPropagator = TaskContextPropagator.NONE;

		private @Nullable Duration defaultTimeout;

		private Duration cancelGracePeriod = DEFAULT_CANCEL_GRACE_PERIOD;

		private Builder(Executor executor) {
			this.executor = Objects.requireNonNull(executor, "Executor must not be null");
		}

		/**
		 * Set the policy that tells fatal errors from tolerated ones.
		 * <p>
		 * The default is {@link FatalErrorPolicy#annotated()}.
		 * @param fatalErrorPolicy the policy
		 * @return this builder
		 */
		public Builder fatalErrorPolicy(FatalErrorPolicy fatalErrorPolicy) {
			this.fatalErrorPolicy = Objects.requireNonNull(fatalErrorPolicy, "Fatal error policy must not be null");
			return this;
		}

		/**
		 * Record metrics to the given {@link ParallelTaskMetrics}.
		 * <p>
		 * The default is {@link ParallelTaskMetrics#NONE}.
		 * @param metrics the metrics
		 * @return this builder
		 */
		public Builder metrics(ParallelTaskMetrics metrics) {
			this.metrics = Objects.requireNonNull(metrics, "Metrics must not be null");
			return this;
		}

		/**
		 * Carry the caller's context to the tasks with the given propagator.
		 * <p>
		 * The default is {@link TaskContextPropagator#NONE}.
		 * @param contextPropagator the context propagator
		 * @return this builder
		 */
		public Builder contextPropagator(TaskContextPropagator contextPropagator) {
			this.contextPropagator = Objects.requireNonNull(contextPropagator, "Context propagator must not be null");
			return this;
		}

		/**
		 * Set the timeout of batches that are given none.
		 * <p>
		 * The default is no timeout.
		 * @param defaultTimeout the timeout, positive, or {@code null} for none
		 * @return this builder
		 */
		public Builder defaultTimeout(@Nullable Duration defaultTimeout) {
			this.defaultTimeout = (defaultTimeout != null) ? checkPositive(defaultTimeout, "Default timeout") : null;
			return this;
		}

		/**
		 * Set how long a cancelled batch waits for its tasks to end before it reports the
		 * ones still running and returns.
		 * <p>
		 * The default is 5 seconds.
		 * @param cancelGracePeriod the grace period, not negative
		 * @return this builder
		 */
		public Builder cancelGracePeriod(Duration cancelGracePeriod) {
			this.cancelGracePeriod = checkGracePeriod(cancelGracePeriod);
			return this;
		}

		/**
		 * Build the template.
		 * @return the template
		 */
		public ParallelTaskTemplate build() {
			return new ParallelTaskTemplate(this.executor, this.fatalErrorPolicy, this.metrics, this.contextPropagator,
					this.defaultTimeout, this.cancelGracePeriod, null);
		}

	}

}
