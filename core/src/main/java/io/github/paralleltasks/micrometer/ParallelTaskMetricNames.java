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

package io.github.paralleltasks.micrometer;

import org.jspecify.annotations.Nullable;

/**
 * Names of the meters that parallel-tasks records, and of their tags. Every meter has a
 * description: the counters and the gauge their own, the timers of the observations the
 * one that {@link ParallelTaskMeterFilter} gives them.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public final class ParallelTaskMetricNames {

	/**
	 * Counter of exceptions that tasks threw and that were tolerated. Tags
	 * {@value #BATCH_TAG}, {@value #TASK_TAG} and {@value #EXCEPTION_TAG}.
	 */
	public static final String TOLERATED = "parallel.tasks.tolerated";

	/**
	 * Counter of exceptions that tasks threw and that were fatal to their batch. Tags
	 * {@value #BATCH_TAG}, {@value #TASK_TAG} and {@value #EXCEPTION_TAG}.
	 */
	public static final String FATAL = "parallel.tasks.fatal";

	/**
	 * Counter of tasks that a batch cancelled before they ended, for the batch's reason,
	 * or, with reason {@code timeout}, also for a task's own timeout. Tags
	 * {@value #BATCH_TAG} and {@value #REASON_TAG}.
	 */
	public static final String CANCELLED = "parallel.tasks.cancelled";

	/**
	 * Observation, and so timer, of whole batches. Tags {@value #BATCH_TAG},
	 * {@value #OUTCOME_TAG} and {@code error}.
	 */
	public static final String BATCH = "parallel.tasks.batch";

	/**
	 * Observation, and so timer, of single tasks. Tags {@value #BATCH_TAG},
	 * {@value #TASK_TAG}, {@value #OUTCOME_TAG} and {@code error}.
	 */
	public static final String TASK = "parallel.tasks.task";

	/**
	 * Gauge of the tasks that are running. Tag {@value #BATCH_TAG}.
	 */
	public static final String ACTIVE = "parallel.tasks.active";

	/**
	 * Tag of the batch's name, or {@value #UNNAMED} if it has none.
	 */
	public static final String BATCH_TAG = "batch";

	/**
	 * Tag of the task's name, or {@value #UNNAMED} if it has none: never an index.
	 */
	public static final String TASK_TAG = "task";

	/**
	 * Tag of the fully qualified class name of an exception, unwrapped.
	 */
	public static final String EXCEPTION_TAG = "exception";

	/**
	 * Tag of why tasks were cancelled: {@code fatal}, {@code timeout},
	 * {@code interrupted} or {@code closed}.
	 */
	public static final String REASON_TAG = "reason";

	/**
	 * Tag of how a batch ended ({@code success}, {@code partial}, {@code fatal},
	 * {@code timeout} or {@code cancelled}) or a task ended ({@code success},
	 * {@code failed}, {@code fatal} or {@code cancelled}).
	 */
	public static final String OUTCOME_TAG = "outcome";

	/**
	 * Value of the {@value #BATCH_TAG} and {@value #TASK_TAG} tags when no name was
	 * given.
	 */
	public static final String UNNAMED = "unnamed";

	private ParallelTaskMetricNames() {
	}

	static String nameOrUnnamed(@Nullable String name) {
		return (name != null) ? name : UNNAMED;
	}

}
