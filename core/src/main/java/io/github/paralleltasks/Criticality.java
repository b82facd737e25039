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
 * Whether an exception that a task throws is fatal to its batch, as said for that task
 * rather than by the exception's type. Given with {@link ParallelTask#critical} or
 * {@link ParallelTask#optional} for a {@code Callable}, and {@link ParallelCall#critical}
 * or {@link ParallelCall#optional} for an {@code @Async} call.
 *
 * <p>
 * The precedence, from first to last:
 * <ol>
 * <li>a {@link VirtualMachineError} is fatal, whatever the task;</li>
 * <li>a task that stops because its batch was cancelled ({@code InterruptedException} and
 * the like, after a sibling's fatal error, the batch's timeout or the caller's interrupt)
 * is {@code CANCELLED}, whatever the task: it did not fail, it was stopped;</li>
 * <li>{@link #CRITICAL}: any other exception is fatal;</li>
 * <li>{@link #OPTIONAL}: any other exception is tolerated, even one whose type carries
 * {@link FatalError};</li>
 * <li>{@link #BY_POLICY}: the batch's {@link FatalErrorPolicy} decides, by the
 * exception's type.</li>
 * </ol>
 * A task whose own timeout passed ends with a {@link TaskTimeoutException}, which these
 * rules classify from the third on: fatal for a critical task, tolerated for an optional
 * one, and by the policy otherwise.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public enum Criticality {

	/**
	 * The batch's {@link FatalErrorPolicy} decides, by the type of the exception: fatal
	 * when it carries {@link FatalError} or is configured as fatal. The default.
	 */
	BY_POLICY,

	/**
	 * The batch cannot do without this task: any exception it throws is fatal and cancels
	 * its siblings.
	 */
	CRITICAL,

	/**
	 * The batch can do without this task: no exception it throws is fatal, except a
	 * {@link VirtualMachineError}; its failures are tolerated and reported in
	 * {@link ParallelResult#failures()}.
	 */
	OPTIONAL;

	/**
	 * Return whether the given exception, which did not come from a cancel, is fatal for
	 * a task of this criticality.
	 * @param exception the exception, unwrapped
	 * @param policy the policy of the task's batch
	 * @return {@code true} if it is fatal
	 */
	boolean isFatal(Throwable exception, FatalErrorPolicy policy) {
		return switch (this) {
			case CRITICAL -> true;
			case OPTIONAL -> exception instanceof VirtualMachineError;
			case BY_POLICY -> policy.isFatal(exception);
		};
	}

}
