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
import java.util.concurrent.TimeUnit;

import io.github.paralleltasks.BatchOutcome;
import io.github.paralleltasks.CancelReason;
import io.github.paralleltasks.ParallelTaskMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@link ParallelTaskMetrics} that records to a Micrometer {@link MeterRegistry}. The
 * meters are described in {@link ParallelTaskMetricNames}.
 *
 * <p>
 * The batch timers, recorded for every batch, are looked up once per batch name and
 * outcome and then reused.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public class MicrometerParallelTaskMetrics implements ParallelTaskMetrics {

	private static final BatchOutcome[] OUTCOMES = BatchOutcome.values();

	private final MeterRegistry registry;

	private final Map<String, Timer[]> batchTimers = new ConcurrentHashMap<>();

	/**
	 * Create a new {@code MicrometerParallelTaskMetrics}.
	 * @param registry the registry to record to
	 */
	public MicrometerParallelTaskMetrics(MeterRegistry registry) {
		this.registry = Objects.requireNonNull(registry, "Registry must not be null");
	}

	@Override
	public void taskFailed(String batchName, String taskName, Throwable exception, boolean fatal) {
		Counter.builder(fatal ? ParallelTaskMetricNames.FATAL : ParallelTaskMetricNames.TOLERATED)
			.description(fatal ? "Exceptions thrown by tasks that were fatal to their batch"
					: "Exceptions thrown by tasks that were tolerated")
			.baseUnit("errors")
			.tag(ParallelTaskMetricNames.BATCH_TAG, nameOrUnnamed(batchName))
			.tag(ParallelTaskMetricNames.TASK_TAG, nameOrUnnamed(taskName))
			.tag(ParallelTaskMetricNames.EXCEPTION_TAG, exception.getClass().getName())
			.register(this.registry)
			.increment();
	}

	@Override
	public void tasksCancelled(String batchName, CancelReason reason, int count) {
		Counter.builder(ParallelTaskMetricNames.CANCELLED)
			.description("Tasks that a batch cancelled before they ended")
			.baseUnit("tasks")
			.tag(ParallelTaskMetricNames.BATCH_TAG, nameOrUnnamed(batchName))
			.tag(ParallelTaskMetricNames.REASON_TAG, reason.tagValue())
			.register(this.registry)
			.increment(count);
	}

	@Override
	public void batchEnded(String batchName, BatchOutcome outcome, long durationNanos) {
		Timer[] timers = this.batchTimers.computeIfAbsent(nameOrUnnamed(batchName), this::batchTimers);
		timers[outcome.ordinal()].record(durationNanos, TimeUnit.NANOSECONDS);
	}

	private Timer[] batchTimers(String batchName) {
		Timer[] timers = new Timer[OUTCOMES.length];
		for (BatchOutcome outcome : OUTCOMES) {
			timers[outcome.ordinal()] = Timer.builder(ParallelTaskMetricNames.BATCH)
				.description("Time taken by batches of parallel tasks, from start to end")
				.tag(ParallelTaskMetricNames.BATCH_TAG, batchName)
				.tag(ParallelTaskMetricNames.OUTCOME_TAG, outcome.tagValue())
				.register(this.registry);
		}
		return timers;
	}

	private static String nameOrUnnamed(String name) {
		return (name != null) ? name : ParallelTaskMetricNames.UNNAMED;
	}

}
