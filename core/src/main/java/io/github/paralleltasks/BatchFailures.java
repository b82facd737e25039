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
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What went wrong in one {@link Batch}, and how it is reported: tolerated failures are
 * counted and logged once, the first fatal error and the later ones are remembered, and
 * the exception that ends the batch is built from them.
 *
 * @author parallel-tasks authors
 */
final class BatchFailures {

	private final BatchSettings settings;

	private @Nullable List<Throwable> laterFatalErrors;

	BatchFailures(BatchSettings settings) {
		this.settings = settings;
	}

	/**
	 * Count and log a task's tolerated failure, on the task's thread.
	 */
	void tolerated(TaskRun<?> run) {
		Throwable exception = run.failure();
		this.settings.metrics().taskFailed(this.settings.name(), run.givenName, exception, false);
		if (TaskLogs.TOLERATED.isWarnEnabled()) {
			String message = "Task '" + run.name() + "'" + describeBatch() + " failed with tolerated error "
					+ TaskLogs.describe(exception);
			if (TaskLogs.TOLERATED.isDebugEnabled()) {
				TaskLogs.TOLERATED.warn(message, exception);
			}
			else {
				TaskLogs.TOLERATED.warn(message);
			}
		}
	}

	/**
	 * Count a task's fatal error, on the task's thread.
	 */
	void fatal(TaskRun<?> run) {
		this.settings.metrics().taskFailed(this.settings.name(), run.givenName, run.failure(), true);
	}

	/**
	 * Remember a fatal error that came after the batch had been cancelled.
	 */
	synchronized void later(Throwable exception) {
		if (this.laterFatalErrors == null) {
			this.laterFatalErrors = new ArrayList<>(2);
		}
		this.laterFatalErrors.add(exception);
	}

	FatalTaskException fatalException(TaskRun<?> first, ParallelResult<?> result) {
		return withLaterFatalErrors(new FatalTaskException(first.name(), first.failure(), result));
	}

	ParallelTimeoutException timeoutException(Duration timeout, ParallelResult<?> result) {
		return withLaterFatalErrors(new ParallelTimeoutException(
				batchSubject() + " did not end within " + timeout + "; unfinished tasks were cancelled: " + result,
				timeout, result));
	}

	ParallelInterruptedException interruptedException(ParallelResult<?> result) {
		return withLaterFatalErrors(new ParallelInterruptedException("Interrupted while waiting for "
				+ ((this.settings.name() != null) ? "batch '" + this.settings.name() + "'" : "the batch")
				+ "; unfinished tasks were cancelled: " + result, result));
	}

	ParallelShutdownException shutdownException(ParallelResult<?> result) {
		return withLaterFatalErrors(new ParallelShutdownException(batchSubject()
				+ " was cancelled because its template was shut down; unfinished tasks were cancelled: " + result,
				result));
	}

	private synchronized <E extends ParallelTaskException> E withLaterFatalErrors(E exception) {
		if (this.laterFatalErrors != null) {
			this.laterFatalErrors.forEach(exception::addSuppressed);
		}
		return exception;
	}

	/**
	 * Report a task that was still running when the grace period after a cancel ran out.
	 */
	void abandoned(TaskRun<?> run) {
		TaskLogs.SUPERVISION.warn("Task '" + run.name() + "'" + describeBatch() + " was still running "
				+ this.settings.cancelGracePeriod() + " after it was cancelled; the batch no longer waits for it");
	}

	/**
	 * Report the end of a task that its batch had stopped waiting for.
	 */
	void endedAfterAbandon(TaskRun<?> run, @Nullable Throwable exception) {
		if (exception != null && run.isFatal(exception)) {
			TaskLogs.SUPERVISION.warn("Task '" + run.name() + "'" + describeBatch() + " ended with fatal error "
					+ TaskLogs.describe(exception) + " after its batch had stopped waiting for it");
		}
		else if (TaskLogs.SUPERVISION.isDebugEnabled()) {
			TaskLogs.SUPERVISION.debug("Task '" + run.name() + "'" + describeBatch()
					+ " ended after its batch had stopped waiting for it");
		}
	}

	private String describeBatch() {
		return this.settings.describe();
	}

	/**
	 * Return "Batch 'name'" to start a sentence, or "Batch" if the batch has no name.
	 */
	private String batchSubject() {
		return (this.settings.name() != null) ? "Batch '" + this.settings.name() + "'" : "Batch";
	}

}
