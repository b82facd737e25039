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

import io.github.paralleltasks.metrics.BatchOutcome;
import io.github.paralleltasks.metrics.CancelReason;
import org.jspecify.annotations.Nullable;

/**
 * What the end of a {@link Batch} makes of it, on the owner's thread once its tasks have
 * ended: a result or the exception that ended it, its {@link BatchOutcome}, and its
 * recording, closed once.
 *
 * @author parallel-tasks authors
 */
final class BatchEnd {

	private BatchEnd() {
	}

	/**
	 * Wait for every task, then return the result or throw what ended the batch.
	 */
	static <T> ParallelResult<T> join(Batch batch) {
		return complete(batch, BatchWait.awaitTasks(batch));
	}

	/**
	 * Close a scope that was left without a join: cancel the tasks that have not ended
	 * and wait for them.
	 * @return the fatal exception that a task had thrown, which must not be lost, or
	 * {@code null}
	 */
	static @Nullable FatalTaskException close(Batch batch) {
		batch.cancel(CancelReason.CLOSED, null);
		if (BatchWait.awaitTasks(batch)) {
			Thread.currentThread().interrupt();
		}
		Cancellation cancelled = Objects.requireNonNull(batch.cancellation(), "A closed batch is cancelled");
		if (cancelled.reason() != CancelReason.FATAL) {
			record(batch, BatchOutcome.CANCELLED, null);
			return null;
		}
		FatalTaskException fatal = batch.failures.fatalException(fatalTask(cancelled), batch.result());
		record(batch, BatchOutcome.FATAL, fatal);
		return fatal;
	}

	private static <T> ParallelResult<T> complete(Batch batch, boolean interrupted) {
		ParallelResult<T> result = batch.result();
		TaskRun<?> parent = batch.parent;
		if (parent != null && parent.isCancelRequested() && batch.cancel(CancelReason.INTERRUPTED, null)) {
			// The enclosing task was cancelled while this batch's tasks ended: so is this
			// batch. The interrupt aimed at the enclosing task may have been used up by a
			// task that the owner ran itself: set it again, for that task to clear.
			interrupted |= parent.isInterruptAimedAt();
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		Cancellation cancelled = batch.cancellation();
		if (cancelled == null) {
			record(batch, batch.isComplete() ? BatchOutcome.SUCCESS : BatchOutcome.PARTIAL, null);
			return result;
		}
		BatchFailures failures = batch.failures;
		ParallelTaskException exception = switch (cancelled.reason()) {
			case FATAL -> failures.fatalException(fatalTask(cancelled), result);
			case TIMEOUT -> failures.timeoutException(
					Objects.requireNonNull(batch.timeout, "A batch that timed out has a timeout"), result);
			case SHUTDOWN -> failures.shutdownException(result);
			default -> failures.interruptedException(result);
		};
		record(batch, outcome(cancelled.reason()), exception);
		throw exception;
	}

	private static BatchOutcome outcome(CancelReason reason) {
		return switch (reason) {
			case FATAL -> BatchOutcome.FATAL;
			case TIMEOUT -> BatchOutcome.TIMEOUT;
			default -> BatchOutcome.CANCELLED;
		};
	}

	private static TaskRun<?> fatalTask(Cancellation cancelled) {
		return Objects.requireNonNull(cancelled.fatalTask(), "A batch cancelled by a fatal error knows its task");
	}

	private static void record(Batch batch, BatchOutcome outcome, @Nullable Throwable error) {
		batch.settings.registry().ended(batch);
		batch.recording.batchEnded(outcome, error);
	}

}
