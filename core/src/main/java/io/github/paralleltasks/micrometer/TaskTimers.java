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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.github.paralleltasks.Subtask;
import io.github.paralleltasks.metrics.BatchRecording;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import org.jspecify.annotations.Nullable;

/**
 * The meters that a task observation gives when the only handler is a
 * {@link DefaultMeterObservationHandler} and the convention is the default one, recorded
 * without an observation: the timer {@value ParallelTaskMetricNames#TASK} (tags
 * {@code batch}, {@code task}, {@code outcome}, {@code error}) and the long-task timer
 * {@value ParallelTaskMetricNames#TASK}{@code .active} (the same tags at the start:
 * {@code outcome=unknown}, no {@code error}). The meters of one task name are registered
 * once and kept: a task observation costs a few kilobytes and microseconds, mostly in
 * building the same tags and looking up the same meters again.
 *
 * @author parallel-tasks authors
 */
final class TaskTimers {

	private static final Subtask.State[] STATES = Subtask.State.values();

	private final MeterRegistry registry;

	private final Map<String, Map<String, Meters>> batches = new ConcurrentHashMap<>();

	TaskTimers(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Return the meters of the tasks of one batch.
	 * @param batchName the name of the batch, or {@code null}
	 * @return the meters of its tasks, by task name
	 */
	Map<String, Meters> batch(@Nullable String batchName) {
		return this.batches.computeIfAbsent(ParallelTaskMetricNames.nameOrUnnamed(batchName),
				(name) -> new ConcurrentHashMap<>());
	}

	/**
	 * Start recording a task.
	 * @param batch the meters of the batch's tasks, from {@link #batch}
	 * @param batchName the name of the batch, or {@code null}
	 * @param taskName the name of the task, or {@code null}
	 * @param active the batch's count of running tasks, decremented when the task ends
	 * @return the recording of the task
	 */
	BatchRecording.TaskRecording start(Map<String, Meters> batch, @Nullable String batchName, @Nullable String taskName,
			AtomicInteger active) {
		String task = ParallelTaskMetricNames.nameOrUnnamed(taskName);
		Meters meters = batch.get(task);
		if (meters == null) {
			meters = batch.computeIfAbsent(task,
					(name) -> new Meters(ParallelTaskMetricNames.nameOrUnnamed(batchName), name));
		}
		return new TimedTask(meters, active);
	}

	/**
	 * The meters of one task name in one batch.
	 */
	final class Meters {

		private final Tags tags;

		private final LongTaskTimer longTaskTimer;

		/** The timers without an error, by state; registered when first needed. */
		private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(STATES.length);

		Meters(String batchTag, String taskTag) {
			this.tags = Tags.of(ParallelTaskMetricNames.BATCH_TAG, batchTag, ParallelTaskMetricNames.TASK_TAG, taskTag);
			this.longTaskTimer = LongTaskTimer.builder(ParallelTaskMetricNames.TASK + ".active")
				.tags(this.tags.and(ParallelTaskMetricNames.OUTCOME_TAG, "unknown"))
				.register(TaskTimers.this.registry);
		}

		Timer timer(Subtask.State state, @Nullable Throwable error) {
			if (error != null) {
				return register(state, error.getClass().getSimpleName());
			}
			Timer timer = this.timers.get(state.ordinal());
			if (timer == null) {
				// register returns the same timer to every thread that races here
				timer = register(state, "none");
				this.timers.set(state.ordinal(), timer);
			}
			return timer;
		}

		private Timer register(Subtask.State state, String error) {
			return Timer.builder(ParallelTaskMetricNames.TASK)
				.tags(this.tags.and(ParallelTaskMetricNames.OUTCOME_TAG, state.name().toLowerCase(Locale.ROOT), "error",
						error))
				.register(TaskTimers.this.registry);
		}

	}

	private final class TimedTask implements BatchRecording.TaskRecording {

		private final Meters meters;

		private final AtomicInteger active;

		private final LongTaskTimer.Sample longTask;

		private final long start;

		TimedTask(Meters meters, AtomicInteger active) {
			this.meters = meters;
			this.active = active;
			this.longTask = meters.longTaskTimer.start();
			this.start = TaskTimers.this.registry.config().clock().monotonicTime();
		}

		@Override
		public void taskEnded(Subtask.State state, @Nullable Throwable exception) {
			long duration = TaskTimers.this.registry.config().clock().monotonicTime() - this.start;
			// As the observation: an error only for the states that have one
			boolean failed = state == Subtask.State.FAILED || state == Subtask.State.FATAL;
			this.meters.timer(state, failed ? exception : null).record(duration, TimeUnit.NANOSECONDS);
			this.longTask.stop();
			this.active.decrementAndGet();
		}

	}

}
