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

/**
 * Thrown when a batch did not end within its timeout. Every task that had not finished
 * was cancelled before this exception was thrown; the values of the tasks that finished
 * in time are readable through {@link #getResult()}.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public class ParallelTimeoutException extends ParallelTaskException {

	private final Duration timeout;

	/**
	 * Create a new {@code ParallelTimeoutException}.
	 * @param message the detail message
	 * @param timeout the timeout that passed
	 * @param result the result of the batch
	 */
	public ParallelTimeoutException(String message, Duration timeout, ParallelResult<?> result) {
		super(message, null, result);
		this.timeout = timeout;
	}

	/**
	 * Return the timeout that passed.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
