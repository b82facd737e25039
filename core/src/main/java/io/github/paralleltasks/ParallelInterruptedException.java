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
 * Thrown when the thread waiting for a batch was interrupted. Every task that had not
 * finished was cancelled first, and the waiting thread's interrupt flag is set again
 * before this exception is thrown.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public class ParallelInterruptedException extends ParallelTaskException {

	/**
	 * Create a new {@code ParallelInterruptedException}.
	 * @param message the detail message
	 * @param result the result of the batch
	 */
	public ParallelInterruptedException(String message, ParallelResult<?> result) {
		super(message, new InterruptedException(message), result);
	}

}
