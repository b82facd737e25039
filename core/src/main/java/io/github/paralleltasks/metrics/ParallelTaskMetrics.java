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

package io.github.paralleltasks.metrics;

import org.jspecify.annotations.Nullable;

/**
 * Receives what a {@link io.github.paralleltasks.ParallelTaskTemplate} does, to count it.
 * Implementations must be thread-safe and fast: they are called from the tasks' threads.
 *
 * <p>
 * A task or batch name is {@code null} when the developer gave none.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 * @see io.github.paralleltasks.micrometer.MicrometerParallelTaskMetrics
 */
public interface ParallelTaskMetrics {

	/**
	 * Metrics that record nothing.
	 */
	ParallelTaskMetrics NONE = new ParallelTaskMetrics() {
	};

	/**
	 * Called when a task threw an exception, before its batch is told.
	 * @param batchName the name of the batch, or {@code null}
	 * @param taskName the name of the task, or {@code null}
	 * @param exception the exception, unwrapped
	 * @param fatal whether the exception is fatal
	 */
	default void taskFailed(@Nullable String batchName, @Nullable String taskName, Throwable exception, boolean fatal) {
	}

	/**
	 * Called when a batch cancelled tasks that had not ended.
	 * @param batchName the name of the batch, or {@code null}
	 * @param reason why they were cancelled
	 * @param count how many tasks were cancelled, at least one
	 */
	default void tasksCancelled(@Nullable String batchName, CancelReason reason, int count) {
	}

	/**
	 * Called when a batch starts, on the thread that starts it.
	 * @param batchName the name of the batch, or {@code null}
	 * @param expectedSize the number of tasks, if known, or {@code 0}
	 * @return the recording that receives the events of the batch and its tasks
	 */
	default BatchRecording batchStarted(@Nullable String batchName, int expectedSize) {
		return BatchRecording.NONE;
	}

	/**
	 * Return metrics that pass every event to each of the given metrics, in order.
	 * @param metrics the metrics to combine
	 * @return the combined metrics
	 */
	static ParallelTaskMetrics composite(java.util.List<? extends ParallelTaskMetrics> metrics) {
		return CompositeParallelTaskMetrics.of(metrics);
	}

}
