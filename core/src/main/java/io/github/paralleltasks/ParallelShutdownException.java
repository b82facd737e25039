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
 * Thrown when a batch was cancelled because its template was
 * {@linkplain ParallelTaskTemplate#shutdown() shut down}, typically because the
 * application context is closing. Every task that had not finished was cancelled first;
 * the waiting thread's interrupt flag is left as it was.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public class ParallelShutdownException extends ParallelTaskException {

	/**
	 * Create a new {@code ParallelShutdownException}.
	 * @param message the detail message
	 * @param result the result of the batch
	 */
	public ParallelShutdownException(String message, ParallelResult<?> result) {
		super(message, null, result);
	}

}
