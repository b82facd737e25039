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

/**
 * Callback for {@link ParallelTaskOperations#execute}: the code that forks tasks into a
 * {@link ParallelTaskScope} and joins them.
 *
 * <p>
 * The callback may throw a checked exception, which {@code execute} throws on once the
 * scope's tasks have ended: its type is inferred from the lambda, so a callback that
 * throws none needs no {@code try}.
 *
 * @param <R> the type of the result
 * @param <E> the type of the checked exception that the callback may throw
 * @author parallel-tasks authors
 * @since 0.1.0
 */
@FunctionalInterface
public interface ParallelScopeCallback<R, E extends Exception> {

	/**
	 * Fork tasks into the given scope, join them, and return a result built from them.
	 * @param scope the scope, usable on the calling thread only
	 * @return the result, possibly {@code null}
	 * @throws E what the callback threw
	 */
	R doInScope(ParallelTaskScope scope) throws E;

}
