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

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.paralleltasks.metrics.BatchOutcome;
import io.github.paralleltasks.metrics.BatchRecording;
import io.github.paralleltasks.metrics.CancelReason;
import io.github.paralleltasks.metrics.ParallelTaskMetrics;
import io.github.paralleltasks.Subtask;
import io.github.paralleltasks.context.TaskContextPropagator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * {@link ParallelTaskMetrics} that records to Micrometer: counters and a gauge in a
 * {@link MeterRegistry}, and an {@link Observation} of each batch and of each task, which
 * give the timers {@value ParallelTaskMetricNames#BATCH} and
 * {@value ParallelTaskMetricNames#TASK} and, with a tracer, a span of each batch with a
 * child span of each task. The meters are described in {@link ParallelTaskMetricNames};
 * the timers get their descriptions from a {@link ParallelTaskMeterFilter} on the
 * registry.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public class MicrometerParallelTaskMetrics implements ParallelTaskMetrics {

	private final MeterRegistry meterRegistry;

	private final ObservationRegistry observationRegistry;

	/**
	 * The task timers recorded without observations, when the observation registry is our
	 * own: then its only handler is a {@link DefaultMeterObservationHandler}, and a task
	 * observation would give nothing else.
	 */
	private final @Nullable TaskTimers taskTimers;

	private final Map<String, AtomicInteger> activeTasks = new ConcurrentHashMap<>();

	private @Nullable BatchObservationConvention batchConvention;

	private @Nullable TaskObservationConvention taskConvention;

	private boolean observeTasks = true;

	/**
	 * Create a new {@code MicrometerParallelTaskMetrics} whose observations record timers
	 * to the given registry and nothing else.
	 * <p>
	 * Since nothing but timers is recorded, each task's timers are recorded directly,
	 * without an observation of the task, unless a
	 * {@linkplain #setTaskObservationConvention task convention} is set: the same meters
	 * with the same tags, for a fraction of the cost. The one difference: on a task's
	 * thread no task observation is current, so an observation that the task starts does
	 * not get one as its parent.
	 * @param meterRegistry the registry to record to
	 */
	public MicrometerParallelTaskMetrics(MeterRegistry meterRegistry) {
		this(meterRegistry, meterObservations(meterRegistry), new TaskTimers(meterRegistry));
	}

	/**
	 * Create a new {@code MicrometerParallelTaskMetrics}.
	 * @param meterRegistry the registry of the counters and the gauge
	 * @param observationRegistry the registry of the observations, which should record
	 * timers to the meter registry
	 */
	public MicrometerParallelTaskMetrics(MeterRegistry meterRegistry, ObservationRegistry observationRegistry) {
		this(meterRegistry, observationRegistry, null);
	}

	private MicrometerParallelTaskMetrics(MeterRegistry meterRegistry, ObservationRegistry observationRegistry,
			@Nullable TaskTimers taskTimers) {
		this.meterRegistry = Objects.requireNonNull(meterRegistry, "Meter registry must not be null");
		this.observationRegistry = Objects.requireNonNull(observationRegistry, "Observation registry must not be null");
		this.taskTimers = taskTimers;
	}

	private static ObservationRegistry meterObservations(MeterRegistry meterRegistry) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
		return registry;
	}

	/**
	 * Set the convention of batch observations.
	 * <p>
	 * The default is {@link DefaultBatchObservationConvention}.
	 * @param batchConvention the convention, or {@code null} for the default
	 */
	public void setBatchObservationConvention(@Nullable BatchObservationConvention batchConvention) {
		this.batchConvention = batchConvention;
	}

	/**
	 * Set the convention of task observations.
	 * <p>
	 * The default is {@link DefaultTaskObservationConvention}.
	 * @param taskConvention the convention, or {@code null} for the default
	 */
	public void setTaskObservationConvention(@Nullable TaskObservationConvention taskConvention) {
		this.taskConvention = taskConvention;
	}

	/**
	 * Set whether each task gets an observation of its own, and so a timer
	 * {@value ParallelTaskMetricNames#TASK} and a child span. Each costs a few kilobytes
	 * of allocation per task; without them, batches are still observed and every counter
	 * and the gauge still recorded.
	 * <p>
	 * The default is {@code true}.
	 * @param observeTasks whether to observe each task
	 */
	public void setObserveTasks(boolean observeTasks) {
		this.observeTasks = observeTasks;
	}

	@Override
	public void taskFailed(@Nullable String batchName, @Nullable String taskName, Throwable exception, boolean fatal) {
		Counter.builder(fatal ? ParallelTaskMetricNames.FATAL : ParallelTaskMetricNames.TOLERATED)
			.description(fatal ? "Exceptions thrown by tasks that were fatal to their batch"
					: "Exceptions thrown by tasks that were tolerated")
			.tag(ParallelTaskMetricNames.BATCH_TAG, ParallelTaskMetricNames.nameOrUnnamed(batchName))
			.tag(ParallelTaskMetricNames.TASK_TAG, ParallelTaskMetricNames.nameOrUnnamed(taskName))
			.tag(ParallelTaskMetricNames.EXCEPTION_TAG, exception.getClass().getName())
			.register(this.meterRegistry)
			.increment();
	}

	@Override
	public void tasksCancelled(@Nullable String batchName, CancelReason reason, int count) {
		Counter.builder(ParallelTaskMetricNames.CANCELLED)
			.description("Tasks that a batch cancelled before they ended")
			.tag(ParallelTaskMetricNames.BATCH_TAG, ParallelTaskMetricNames.nameOrUnnamed(batchName))
			.tag(ParallelTaskMetricNames.REASON_TAG, reason.tagValue())
			.register(this.meterRegistry)
			.increment(count);
	}

	@Override
	public BatchRecording batchStarted(@Nullable String batchName, int expectedSize) {
		BatchObservationContext context = new BatchObservationContext(batchName, expectedSize);
		Observation observation = Observation
			.createNotStarted(this.batchConvention, DefaultBatchObservationConvention.INSTANCE, () -> context,
					this.observationRegistry)
			.start();
		TaskTimers timers = (this.taskConvention == null) ? this.taskTimers : null;
		return new ObservedBatch(batchName, observation, context, active(batchName), timers,
				(timers != null) ? timers.batch(batchName) : Map.of());
	}

	private AtomicInteger active(@Nullable String batchName) {
		return this.activeTasks.computeIfAbsent(ParallelTaskMetricNames.nameOrUnnamed(batchName), (name) -> {
			AtomicInteger active = new AtomicInteger();
			Gauge.builder(ParallelTaskMetricNames.ACTIVE, active, AtomicInteger::get)
				.description("Tasks of batches that are running")
				.tag(ParallelTaskMetricNames.BATCH_TAG, name)
				.register(this.meterRegistry);
			return active;
		});
	}

	private final class ObservedBatch implements BatchRecording {

		private final @Nullable String batchName;

		private final Observation observation;

		private final BatchObservationContext context;

		private final AtomicInteger active;

		/** The recording of every task when tasks are not observed: it only counts. */
		private final TaskRecording untracked;

		/** The task timers without observations, or {@code null} to observe tasks. */
		private final @Nullable TaskTimers timers;

		private final Map<String, TaskTimers.Meters> taskMeters;

		ObservedBatch(@Nullable String batchName, Observation observation, BatchObservationContext context,
				AtomicInteger active, @Nullable TaskTimers timers, Map<String, TaskTimers.Meters> taskMeters) {
			this.batchName = batchName;
			this.observation = observation;
			this.context = context;
			this.active = active;
			this.timers = timers;
			this.taskMeters = taskMeters;
			this.untracked = new TaskRecording() {

				@Override
				public void taskEnded(Subtask.State state, @Nullable Throwable exception) {
					active.decrementAndGet();
				}

			};
		}

		@Override
		public TaskRecording taskStarted(@Nullable String taskName, int index) {
			this.active.incrementAndGet();
			if (!MicrometerParallelTaskMetrics.this.observeTasks
					|| MicrometerParallelTaskMetrics.this.observationRegistry.isNoop()) {
				return this.untracked;
			}
			if (this.timers != null) {
				return this.timers.start(this.taskMeters, this.batchName, taskName, this.active);
			}
			ObservedTask task = new ObservedTask(new TaskObservationContext(this.batchName, taskName, index),
					this.active);
			// The parent set before the observation is created: Micrometer then does
			// not look up the current observation, and a predicate or a global
			// convention sees the parent the observation will have
			task.context.setParentObservation(this.observation);
			Observation observation = Observation.createNotStarted(MicrometerParallelTaskMetrics.this.taskConvention,
					DefaultTaskObservationConvention.INSTANCE, task,
					MicrometerParallelTaskMetrics.this.observationRegistry);
			// Started in the batch's scope: a tracer takes the current span, on this
			// thread the caller's, over the parent observation's when they differ, and
			// the task's span would be the batch's sibling
			try (Observation.Scope scope = this.observation.openScope()) {
				observation.start();
			}
			task.observation = observation;
			return task;
		}

		@Override
		public void batchEnded(BatchOutcome outcome, @Nullable Throwable error) {
			this.context.setOutcome(outcome);
			if (error != null) {
				this.observation.error(error);
			}
			this.observation.stop();
		}

	}

	/**
	 * The recording of an observed task, and the supplier of its context to Micrometer.
	 */
	private static final class ObservedTask implements BatchRecording.TaskRecording, Supplier<TaskObservationContext> {

		private final TaskObservationContext context;

		private final AtomicInteger active;

		/**
		 * Set on the task's thread before the engine publishes this recording, and not
		 * written again.
		 */
		private Observation observation = Observation.NOOP;

		ObservedTask(TaskObservationContext context, AtomicInteger active) {
			this.context = context;
			this.active = active;
		}

		@Override
		public TaskObservationContext get() {
			return this.context;
		}

		@Override
		public TaskContextPropagator.Scope openScope() {
			return this.observation.openScope()::close;
		}

		@Override
		public void taskEnded(Subtask.State state, @Nullable Throwable exception) {
			this.context.setState(state);
			if (exception != null && (state == Subtask.State.FAILED || state == Subtask.State.FATAL)) {
				this.observation.error(exception);
			}
			this.observation.stop();
			this.active.decrementAndGet();
		}

	}

}
