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

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import io.github.paralleltasks.metrics.BatchOutcome;
import io.github.paralleltasks.metrics.BatchRecording;
import io.github.paralleltasks.metrics.CancelReason;
import io.github.paralleltasks.metrics.ParallelTaskMetrics;

/**
 * {@link ParallelTaskMetrics} that records every event, so that the tests of the engine
 * read what a batch did without Micrometer.
 *
 * <p>
 * Names are as the engine passes them: {@code null} when the developer gave none.
 *
 * @author parallel-tasks authors
 */
final class RecordingParallelTaskMetrics implements ParallelTaskMetrics {

	private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();

	private final Queue<Cancel> cancels = new ConcurrentLinkedQueue<>();

	private final Queue<BatchEnd> batchEnds = new ConcurrentLinkedQueue<>();

	private final Queue<TaskEnd> taskEnds = new ConcurrentLinkedQueue<>();

	private final AtomicInteger batchesStarted = new AtomicInteger();

	private final AtomicInteger tasksStarted = new AtomicInteger();

	// Totals, so that a test that runs thousands of batches reads them at once
	private final LongAdder toleratedCount = new LongAdder();

	private final LongAdder fatalCount = new LongAdder();

	private final LongAdder cancelledCount = new LongAdder();

	private final AtomicLongArray outcomeCounts = new AtomicLongArray(BatchOutcome.values().length);

	@Override
	public void taskFailed(String batchName, String taskName, Throwable exception, boolean fatal) {
		this.failures.add(new Failure(batchName, taskName, exception, fatal));
		(fatal ? this.fatalCount : this.toleratedCount).increment();
	}

	@Override
	public void tasksCancelled(String batchName, CancelReason reason, int count) {
		this.cancels.add(new Cancel(batchName, reason, count));
		this.cancelledCount.add(count);
	}

	@Override
	public BatchRecording batchStarted(String batchName, int expectedSize) {
		this.batchesStarted.incrementAndGet();
		return new BatchRecording() {

			@Override
			public TaskRecording taskStarted(String taskName, int index) {
				RecordingParallelTaskMetrics.this.tasksStarted.incrementAndGet();
				return new TaskRecording() {

					@Override
					public void taskEnded(Subtask.State state, Throwable exception) {
						RecordingParallelTaskMetrics.this.taskEnds
							.add(new TaskEnd(batchName, taskName, index, state, exception));
					}

				};
			}

			@Override
			public void batchEnded(BatchOutcome outcome, Throwable error) {
				RecordingParallelTaskMetrics.this.batchEnds.add(new BatchEnd(batchName, outcome, error));
				RecordingParallelTaskMetrics.this.outcomeCounts.incrementAndGet(outcome.ordinal());
			}

		};
	}

	/**
	 * Return the tolerated failures, in the order they were recorded.
	 */
	List<Failure> tolerated() {
		return this.failures.stream().filter((failure) -> !failure.fatal()).toList();
	}

	/**
	 * Return the fatal failures, in the order they were recorded.
	 */
	List<Failure> fatal() {
		return this.failures.stream().filter(Failure::fatal).toList();
	}

	/**
	 * Return how many tolerated exceptions of exactly the given class were recorded.
	 */
	long tolerated(Class<? extends Throwable> type) {
		return tolerated().stream().filter((failure) -> failure.exception().getClass() == type).count();
	}

	/**
	 * Return how many tolerated exceptions of exactly the given class tasks of the given
	 * names threw.
	 */
	long tolerated(String batchName, String taskName, Class<? extends Throwable> type) {
		return tolerated().stream().filter((failure) -> failure.is(batchName, taskName, type)).count();
	}

	/**
	 * Return how many fatal exceptions of exactly the given class were recorded.
	 */
	long fatal(Class<? extends Throwable> type) {
		return fatal().stream().filter((failure) -> failure.exception().getClass() == type).count();
	}

	/**
	 * Return how many fatal exceptions of exactly the given class tasks of the given
	 * names threw.
	 */
	long fatal(String batchName, String taskName, Class<? extends Throwable> type) {
		return fatal().stream().filter((failure) -> failure.is(batchName, taskName, type)).count();
	}

	/**
	 * Return how many tasks were cancelled for the given reason, in any batch.
	 */
	int cancelled(CancelReason reason) {
		return this.cancels.stream().filter((cancel) -> cancel.reason() == reason).mapToInt(Cancel::count).sum();
	}

	/**
	 * Return how many tasks of batches of the given name were cancelled for the given
	 * reason.
	 */
	int cancelled(String batchName, CancelReason reason) {
		return this.cancels.stream()
			.filter((cancel) -> Objects.equals(cancel.batchName(), batchName) && cancel.reason() == reason)
			.mapToInt(Cancel::count)
			.sum();
	}

	/**
	 * Return how many tasks were cancelled, for any reason.
	 */
	long cancelled() {
		return this.cancelledCount.sum();
	}

	/**
	 * Return how many tolerated exceptions were recorded.
	 */
	long toleratedCount() {
		return this.toleratedCount.sum();
	}

	/**
	 * Return how many fatal exceptions were recorded.
	 */
	long fatalCount() {
		return this.fatalCount.sum();
	}

	/**
	 * Return the cancels of tasks, in the order they were recorded.
	 */
	List<Cancel> cancels() {
		return new ArrayList<>(this.cancels);
	}

	/**
	 * Return the outcomes of the batches that ended, in the order they ended.
	 */
	List<BatchOutcome> outcomes() {
		return this.batchEnds.stream().map(BatchEnd::outcome).toList();
	}

	/**
	 * Return how many batches ended with the given outcome.
	 */
	long batches(BatchOutcome outcome) {
		return this.outcomeCounts.get(outcome.ordinal());
	}

	/**
	 * Return the ends of the batches, in the order they ended.
	 */
	List<BatchEnd> batchEnds() {
		return new ArrayList<>(this.batchEnds);
	}

	/**
	 * Return the ends of the tasks that had started, in the order they ended.
	 */
	List<TaskEnd> taskEnds() {
		return new ArrayList<>(this.taskEnds);
	}

	/**
	 * Return how many batches started.
	 */
	int batchesStarted() {
		return this.batchesStarted.get();
	}

	/**
	 * Return how many tasks started.
	 */
	int tasksStarted() {
		return this.tasksStarted.get();
	}

	/**
	 * Return how many tasks have started and not ended yet.
	 */
	int tasksRunning() {
		return this.tasksStarted.get() - this.taskEnds.size();
	}

	/**
	 * An exception a task threw.
	 *
	 * @param batchName the name of the batch, or {@code null}
	 * @param taskName the name of the task, or {@code null}
	 * @param exception the exception, unwrapped
	 * @param fatal whether it was fatal
	 */
	record Failure(String batchName, String taskName, Throwable exception, boolean fatal) {

		boolean is(String batchName, String taskName, Class<? extends Throwable> type) {
			return Objects.equals(this.batchName, batchName) && Objects.equals(this.taskName, taskName)
					&& this.exception.getClass() == type;
		}

	}

	/**
	 * Tasks that a batch cancelled.
	 *
	 * @param batchName the name of the batch, or {@code null}
	 * @param reason why
	 * @param count how many
	 */
	record Cancel(String batchName, CancelReason reason, int count) {

	}

	/**
	 * The end of a batch.
	 *
	 * @param batchName the name of the batch, or {@code null}
	 * @param outcome how it ended
	 * @param error the exception it threw, or {@code null}
	 */
	record BatchEnd(String batchName, BatchOutcome outcome, Throwable error) {

	}

	/**
	 * The end of a task that had started.
	 *
	 * @param batchName the name of its batch, or {@code null}
	 * @param taskName the name of the task, or {@code null}
	 * @param index its position in the batch
	 * @param state how it ended
	 * @param exception what it ended with, or {@code null}
	 */
	record TaskEnd(String batchName, String taskName, int index, Subtask.State state, Throwable exception) {

	}

}
