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

import java.util.Locale;

import io.github.paralleltasks.Subtask;
import io.micrometer.common.KeyValues;

/**
 * Default {@link TaskObservationConvention}: observation
 * {@value ParallelTaskMetricNames#TASK} with the low-cardinality key values
 * {@code batch}, {@code task} and {@code outcome} ({@code success}, {@code failed},
 * {@code fatal} or {@code cancelled}), and the high-cardinality key value
 * {@code task.index}.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public class DefaultTaskObservationConvention implements TaskObservationConvention {

	/**
	 * The shared instance.
	 */
	public static final DefaultTaskObservationConvention INSTANCE = new DefaultTaskObservationConvention();

	@Override
	public String getName() {
		return ParallelTaskMetricNames.TASK;
	}

	@Override
	public String getContextualName(TaskObservationContext context) {
		return "task " + ((context.getTaskName() != null) ? context.getTaskName() : "task-" + context.getIndex());
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(TaskObservationContext context) {
		Subtask.State state = context.getState();
		return KeyValues.of(ParallelTaskMetricNames.BATCH_TAG,
				ParallelTaskMetricNames.nameOrUnnamed(context.getBatchName()), ParallelTaskMetricNames.TASK_TAG,
				ParallelTaskMetricNames.nameOrUnnamed(context.getTaskName()), ParallelTaskMetricNames.OUTCOME_TAG,
				(state != null) ? state.name().toLowerCase(Locale.ROOT) : "unknown");
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(TaskObservationContext context) {
		return KeyValues.of("task.index", Integer.toString(context.getIndex()));
	}

}
