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

package io.github.paralleltasks.actuate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.github.paralleltasks.metrics.BatchOutcome;
import io.github.paralleltasks.metrics.BatchRecording;
import io.github.paralleltasks.metrics.CancelReason;
import io.github.paralleltasks.metrics.ParallelTaskMetrics;
import io.github.paralleltasks.Subtask;
import io.github.paralleltasks.actuate.ParallelTasksDescriptor.BatchDescriptor;
import io.github.paralleltasks.actuate.ParallelTasksDescriptor.TotalsDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * {@link ParallelTaskMetrics} that keeps the batches in flight and totals since it was
 * created, for the {@link ParallelTasksEndpoint}.
 *
 * <p>
 * A batch joins a concurrent set when it starts and leaves it when it ends; its counts,
 * and the totals, are atomic counters, so that tasks never wait on a lock to record their
 * end. A {@link #describe() description} is read while tasks run: each count is exact,
 * but the counts are not read at one single instant.
 *
 * <p>
 * Task counts cover the tasks that started: a task that its batch cancelled before it
 * could start is counted only in the totals of {@linkplain TotalsDescriptor#cancelled()
 * cancelled tasks by reason}.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public class ParallelTaskTracker implements ParallelTaskMetrics {

	private static final String UNNAMED = "unnamed";

	private static final BatchOutcome[] BATCH_OUTCOMES = BatchOutcome.values();

	private static final Subtask.State[] TASK_STATES = { Subtask.State.SUCCESS, Subtask.State.FAILED,
			Subtask.State.FATAL, Subtask.State.CANCELLED };

	private static final CancelReason[] CANCEL_REASONS = CancelReason.values();

	private final Clock clock;

	private final Instant since;

	private final Set<TrackedBatch> inFlight = ConcurrentHashMap.newKeySet();

	private final LongAdder[] batches = adders(BATCH_OUTCOMES.length);

	private final LongAdder[] tasks = adders(Subtask.State.values().length);

	private final LongAdder[] cancelled = adders(CANCEL_REASONS.length);

	private final LongAdder running = new LongAdder();

	/**
	 * Create a new {@code ParallelTaskTracker} that tells time with the UTC system clock.
	 */
	public ParallelTaskTracker() {
		this(Clock.systemUTC());
	}

	/**
	 * Create a new {@code ParallelTaskTracker}.
	 * @param clock the clock that tells when batches start
	 */
	public ParallelTaskTracker(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "Clock must not be null");
		this.since = clock.instant();
	}

	private static LongAdder[] adders(int count) {
		LongAdder[] adders = new LongAdder[count];
		for (int i = 0; i < count; i++) {
			adders[i] = new LongAdder();
		}
		return adders;
	}

	@Override
	public void tasksCancelled(@Nullable String batchName, CancelReason reason, int count) {
		this.cancelled[reason.ordinal()].add(count);
	}

	@Override
	public BatchRecording batchStarted(@Nullable String batchName, int expectedSize) {
		TrackedBatch batch = new TrackedBatch(batchName, expectedSize, this.clock.instant());
		this.inFlight.add(batch);
		return batch;
	}

	/**
	 * Describe the batches in flight, oldest first, and the totals.
	 * @return the description
	 */
	public ParallelTasksDescriptor describe() {
		List<TrackedBatch> batches = new ArrayList<>(this.inFlight);
		batches.sort(Comparator.comparing((TrackedBatch batch) -> batch.started));
		List<BatchDescriptor> described = new ArrayList<>(batches.size());
		for (TrackedBatch batch : batches) {
			described.add(batch.describe());
		}
		Map<String, Long> batchTotals = new LinkedHashMap<>();
		for (BatchOutcome outcome : BATCH_OUTCOMES) {
			batchTotals.put(outcome.tagValue(), this.batches[outcome.ordinal()].sum());
		}
		Map<String, Long> taskTotals = new LinkedHashMap<>();
		for (Subtask.State state : TASK_STATES) {
			taskTotals.put(state.name().toLowerCase(Locale.ROOT), this.tasks[state.ordinal()].sum());
		}
		Map<String, Long> cancelledTotals = new LinkedHashMap<>();
		for (CancelReason reason : CANCEL_REASONS) {
			cancelledTotals.put(reason.tagValue(), this.cancelled[reason.ordinal()].sum());
		}
		return new ParallelTasksDescriptor(this.since, described,
				new TotalsDescriptor(batchTotals, taskTotals, cancelledTotals, this.running.sum()));
	}

	/**
	 * A batch in flight, which is also the recording of each of its tasks: a task's end
	 * changes only the batch's counts.
	 */
	private final class TrackedBatch implements BatchRecording, BatchRecording.TaskRecording {

		private final @Nullable String name;

		private final AtomicInteger size;

		private final Instant started;

		private final AtomicInteger running = new AtomicInteger();

		private final AtomicInteger done = new AtomicInteger();

		private final AtomicInteger failed = new AtomicInteger();

		private final AtomicInteger cancelled = new AtomicInteger();

		TrackedBatch(@Nullable String name, int size, Instant started) {
			this.name = name;
			this.size = new AtomicInteger(size);
			this.started = started;
		}

		@Override
		public TaskRecording taskStarted(@Nullable String taskName, int index) {
			ParallelTaskTracker.this.running.increment();
			this.running.incrementAndGet();
			return this;
		}

		@Override
		public void tasksAdded(int count) {
			this.size.addAndGet(count);
		}

		@Override
		public void taskEnded(Subtask.State state, @Nullable Throwable exception) {
			countEnd(state);
			this.running.decrementAndGet();
			ParallelTaskTracker.this.running.decrement();
		}

		@Override
		public void taskEndedUnstarted(@Nullable String taskName, int index, Subtask.State state,
				@Nullable Throwable exception) {
			countEnd(state);
		}

		private void countEnd(Subtask.State state) {
			ParallelTaskTracker.this.tasks[state.ordinal()].increment();
			if (state == Subtask.State.FAILED || state == Subtask.State.FATAL) {
				this.failed.incrementAndGet();
			}
			else if (state == Subtask.State.CANCELLED) {
				this.cancelled.incrementAndGet();
			}
			this.done.incrementAndGet();
		}

		@Override
		public void batchEnded(BatchOutcome outcome, @Nullable Throwable error) {
			ParallelTaskTracker.this.inFlight.remove(this);
			ParallelTaskTracker.this.batches[outcome.ordinal()].increment();
		}

		BatchDescriptor describe() {
			return new BatchDescriptor((this.name != null) ? this.name : UNNAMED, this.started, this.size.get(),
					this.running.get(), this.done.get(), this.failed.get(), this.cancelled.get());
		}

	}

}
