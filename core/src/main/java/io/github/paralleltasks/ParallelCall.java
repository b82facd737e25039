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
import java.util.Objects;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;

/**
 * An {@link AsyncCall} with a name, used in logs, in exceptions and as the {@code task}
 * tag of the metrics, and a {@link Criticality}: the counterpart of {@link ParallelTask}
 * for {@code @Async} calls in {@code awaitAll} and {@code forkAsync}.
 *
 * <pre class="code">
 * template.awaitAll(List.of(
 *         ParallelCall.critical("catalog", () -&gt; catalog.find(id)),
 *         ParallelCall.optional("reviews", () -&gt; reviews.find(id))));
 * </pre>
 *
 * @param <T> the type of the call's value
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public final class ParallelCall<T> implements AsyncCall<T>, TaskSpec {

	private final String name;

	private final Criticality criticality;

	private final AsyncCall<? extends T> call;

	private final @Nullable Duration timeout;

	private ParallelCall(String name, Criticality criticality, AsyncCall<? extends T> call,
			@Nullable Duration timeout) {
		this.name = name;
		this.criticality = criticality;
		this.call = call;
		this.timeout = timeout;
	}

	/**
	 * Create a call with the given name, whose exceptions the batch's
	 * {@link FatalErrorPolicy} judges.
	 * @param <T> the type of the call's value
	 * @param name the name of the call, not empty
	 * @param call the call
	 * @return the named call
	 */
	public static <T> ParallelCall<T> named(String name, AsyncCall<? extends T> call) {
		return of(name, Criticality.BY_POLICY, call);
	}

	/**
	 * Create a call with the given name that its batch cannot do without: any exception
	 * it ends with is fatal and cancels its siblings (see {@link Criticality}).
	 * @param <T> the type of the call's value
	 * @param name the name of the call, not empty
	 * @param call the call
	 * @return the critical call
	 */
	public static <T> ParallelCall<T> critical(String name, AsyncCall<? extends T> call) {
		return of(name, Criticality.CRITICAL, call);
	}

	/**
	 * Create a call with the given name that its batch can do without: no exception it
	 * ends with is fatal, except a {@link VirtualMachineError} (see {@link Criticality}).
	 * @param <T> the type of the call's value
	 * @param name the name of the call, not empty
	 * @param call the call
	 * @return the optional call
	 */
	public static <T> ParallelCall<T> optional(String name, AsyncCall<? extends T> call) {
		return of(name, Criticality.OPTIONAL, call);
	}

	private static <T> ParallelCall<T> of(String name, Criticality criticality, AsyncCall<? extends T> call) {
		ParallelTask.checkName(name);
		Objects.requireNonNull(call, () -> "Call '" + name + "' must not be null");
		return new ParallelCall<>(name, criticality, call, null);
	}

	/**
	 * Return a copy of this call with a timeout of its own, which counts from when the
	 * call is forked, that is added to its batch. When it passes before the call has
	 * ended, the call alone is cancelled as a fatal error cancels a call: its cancel
	 * hooks run, its future is cancelled and the executor's worker that runs it is
	 * interrupted (when the executor is supervised, see
	 * {@link ParallelTaskOperations#awaitAll}). It then ends with a
	 * {@link TaskTimeoutException}, classified by its {@link Criticality}: tolerated,
	 * unless the call is critical, when it is fatal and cancels its siblings. See
	 * {@link ParallelTask#withTimeout(Duration)} for when the timeout is kept.
	 * <p>
	 * The default is no timeout of its own: only the batch's timeout applies.
	 * @param timeout the timeout, positive
	 * @return a new call, with the same name, criticality and call, and that timeout
	 */
	public ParallelCall<T> withTimeout(Duration timeout) {
		return new ParallelCall<>(this.name, this.criticality, this.call,
				ParallelTask.checkTimeout("call", this.name, timeout));
	}

	/**
	 * Return the timeout of this call, besides its batch's, if it has one.
	 * @return the timeout, or {@code null}
	 * @see #withTimeout(Duration)
	 */
	@Override
	public @Nullable Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * Return the name of this call.
	 * @return the name
	 */
	@Override
	public String getName() {
		return this.name;
	}

	/**
	 * Return whether the call's exceptions are fatal by the policy, always or never.
	 * @return the criticality
	 */
	@Override
	public Criticality getCriticality() {
		return this.criticality;
	}

	@Override
	public Future<? extends T> call() throws Exception {
		return this.call.call();
	}

	@Override
	public String toString() {
		return "ParallelCall '" + this.name + "'" + ParallelTask.describe(this.criticality, this.timeout);
	}

}
