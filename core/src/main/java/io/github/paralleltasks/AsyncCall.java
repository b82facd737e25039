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

import java.util.concurrent.Future;

/**
 * An asynchronous call that a batch starts on the caller's thread and supervises through
 * the future it returns, typically a call of an {@code @Async} method:
 * {@code () -> quotes.fromSupplierA(item)}. Unlike a {@code Supplier}, it may throw a
 * checked exception, which is that call's failure.
 *
 * <p>
 * A {@code CompletableFuture} is supervised on any executor, and so is any other
 * {@code Future} that an executor which the starter supervises returned (see
 * {@link AsyncSupervision}).
 *
 * @param <T> the type of the call's value
 * @author parallel-tasks authors
 * @since 0.1.0
 * @see ParallelCall
 */
@FunctionalInterface
public interface AsyncCall<T> {

	/**
	 * Start the call.
	 * @return the future of the call's value
	 * @throws Exception if the call could not be started
	 */
	Future<? extends T> call() throws Exception;

}
