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
 * A cancellation hook registered with
 * {@link ParallelTaskTemplate#onCancel(AutoCloseable)}, for the time during which the
 * work it stops is in progress.
 * <p>
 * Close the registration as soon as that work is done, typically with try-with-resources:
 * once {@link #close()} has returned, the hook is not running and never will.
 *
 * <pre class="code">
 * try (CancelRegistration registration = ParallelTaskTemplate.onCancel(statement::cancel)) {
 * 	statement.execute(sql);
 * }
 * </pre>
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 * @see ParallelTaskTemplate#onCancel(AutoCloseable)
 */
public interface CancelRegistration extends AutoCloseable {

	/**
	 * Remove the hook. If the hook is running on the thread that cancels the task, wait
	 * until it has returned. Closing a registration twice, or a registration whose hook
	 * has already run, does nothing.
	 */
	@Override
	void close();

}
