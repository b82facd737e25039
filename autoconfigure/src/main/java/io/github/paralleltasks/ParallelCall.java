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
import java.util.concurrent.Future;

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
public final class ParallelCall<T> implements AsyncCall<T> {

	private final String name;

	private final Criticality criticality;

	private final AsyncCall<? extends T> call;

	private ParallelCall(String name, Criticality criticality, AsyncCall<? extends T> call) {
		this.name = name;
		this.criticality = criticality;
		this.call = call;
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
		return new ParallelCall<>(name, criticality, call);
	}

	/**
	 * Return the name of this call.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Return whether the call's exceptions are fatal by the policy, always or never.
	 * @return the criticality
	 */
	public Criticality getCriticality() {
		return this.criticality;
	}

	@Override
	public Future<? extends T> call() throws Exception {
		return this.call.call();
	}

	@Override
	public String toString() {
		return (this.criticality != Criticality.BY_POLICY)
				? "ParallelCall '" + this.name + "' [" + this.criticality + "]" : "ParallelCall '" + this.name + "'";
	}

}
