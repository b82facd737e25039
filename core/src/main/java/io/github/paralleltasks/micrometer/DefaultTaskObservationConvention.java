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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.github.paralleltasks.Subtask;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * Default {@link TaskObservationConvention}: observation
 * {@value ParallelTaskMetricNames#TASK} with the low-cardinality key values
 * {@code batch}, {@code task} and {@code outcome} ({@code success}, {@code failed},
 * {@code fatal} or {@code cancelled}), and the high-cardinality key value
 * {@code task.index}.
 *
 * <p>
 * The key values and the contextual name of each batch and task name, and those of the
 * first indexes, are built once and kept: every task asks for its key values at its start
 * and at its end, and for its contextual name at its end.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public class DefaultTaskObservationConvention implements TaskObservationConvention {

	/**
	 * The shared instance.
	 */
	public static final DefaultTaskObservationConvention INSTANCE = new DefaultTaskObservationConvention();

	private static final Subtask.State[] STATES = Subtask.State.values();

	private static final int CACHED_INDEXES = 1024;

	/** The high-cardinality key values of the first indexes. */
	private final IntKeyedCache<KeyValues> indexes = new IntKeyedCache<>(CACHED_INDEXES,
			DefaultTaskObservationConvention::indexKeyValues);

	/** The contextual names of unnamed tasks at the first indexes. */
	private final IntKeyedCache<String> unnamedContextualNames = new IntKeyedCache<>(CACHED_INDEXES,
			DefaultTaskObservationConvention::unnamedContextualName);

	/** The contextual names of named tasks, by task name. */
	private final Map<String, String> contextualNames = new ConcurrentHashMap<>();

	/** The low-cardinality key values by batch tag, task tag and state. */
	private final Map<String, Map<String, AtomicReferenceArray<KeyValues>>> keyValues = new ConcurrentHashMap<>();

	@Override
	public String getName() {
		return ParallelTaskMetricNames.TASK;
	}

	@Override
	public String getContextualName(TaskObservationContext context) {
		String taskName = context.getTaskName();
		if (taskName != null) {
			return this.contextualNames.computeIfAbsent(taskName, (name) -> "task " + name);
		}
		return this.unnamedContextualNames.get(context.getIndex());
	}

	private static String unnamedContextualName(int index) {
		return "task task-" + index;
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(TaskObservationContext context) {
		String batch = ParallelTaskMetricNames.nameOrUnnamed(context.getBatchName());
		String task = ParallelTaskMetricNames.nameOrUnnamed(context.getTaskName());
		Subtask.State state = context.getState();
		AtomicReferenceArray<KeyValues> byState = this.keyValues
			.computeIfAbsent(batch, (name) -> new ConcurrentHashMap<>())
			.computeIfAbsent(task, (name) -> new AtomicReferenceArray<>(STATES.length + 1));
		int slot = (state != null) ? state.ordinal() : STATES.length;
		KeyValues values = byState.get(slot);
		if (values == null) {
			values = lowCardinalityKeyValues(batch, task, state);
			byState.set(slot, values);
		}
		return values;
	}

	private static KeyValues lowCardinalityKeyValues(String batch, String task, Subtask.@Nullable State state) {
		return KeyValues.of(ParallelTaskMetricNames.BATCH_TAG, batch, ParallelTaskMetricNames.TASK_TAG, task,
				ParallelTaskMetricNames.OUTCOME_TAG,
				(state != null) ? state.name().toLowerCase(Locale.ROOT) : "unknown");
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(TaskObservationContext context) {
		return this.indexes.get(context.getIndex());
	}

	private static KeyValues indexKeyValues(int index) {
		return KeyValues.of("task.index", Integer.toString(index));
	}

}
