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
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.paralleltasks.metrics.BatchOutcome;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Randomized stress test of {@link ParallelTaskTemplate} against its tasks' own ledger.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskTemplateStressTests {

	private static final String SEED_PROPERTY = "parallel-tasks.stress.seed";

	private static final String BATCHES_PROPERTY = "parallel-tasks.stress.batches";

	private static final String LOGGER = "io.github.paralleltasks";

	// The seed reproduces the plans of the batches, not the interleaving of the threads
	private static final long SEED = Long.getLong(SEED_PROPERTY, System.nanoTime());

	private static final int BATCHES = Integer.getInteger(BATCHES_PROPERTY, 2500);

	// Indexes of the metrics in a snapshot; the interrupts are those of the ledger
	private static final int TOLERATED = 0;

	private static final int FATAL = 1;

	private static final int CANCELLED = 2;

	private static final int INTERRUPTS = 3;

	private static final int OUTCOMES = 4;

	private static LoggingSystem loggingSystem;

	private final StressContext context = new StressContext();

	@BeforeAll
	static void silenceTaskFailureLogs() {
		// Thousands of tolerated failures would each log a WARN line
		loggingSystem = LoggingSystem.get(ParallelTaskTemplateStressTests.class.getClassLoader());
		loggingSystem.setLogLevel(LOGGER, LogLevel.ERROR);
	}

	@AfterAll
	static void restoreLogs() {
		loggingSystem.setLogLevel(LOGGER, null);
	}

	@Test
	void randomBatchesOnAFixedThreadPoolKeepEveryInvariant() throws Exception {
		run("fixed", (threads) -> StressThreads.fixedPool(6, threads, this.context.violations));
	}

	@Test
	void randomBatchesOnACachedThreadPoolKeepEveryInvariant() throws Exception {
		run("cached", Executors::newCachedThreadPool);
	}

	private void run(String poolName, Function<StressThreads, ExecutorService> poolFactory) throws Exception {
		System.out.println("ParallelTaskTemplateStressTests (" + poolName + "): " + BATCHES + " batches, seed " + SEED
				+ " (rerun with -D" + SEED_PROPERTY + "=" + SEED + ")");
		AtomicLong interrupts = new AtomicLong();
		ThreadPoolExecutor pool = (ThreadPoolExecutor) poolFactory.apply(new StressThreads(poolName + "-", interrupts));
		ThreadPoolExecutor nestedPool = StressThreads.fixedPool(2, new StressThreads(poolName + "-nested-", interrupts),
				this.context.violations);
		RecordingParallelTaskMetrics metrics = new RecordingParallelTaskMetrics();
		ParallelTaskTemplate template = template(pool, metrics);
		this.context.setAsyncExecutor(pool);
		this.context.setNestedTemplate(template(nestedPool, metrics));
		Random random = new Random(SEED);
		StressChecker totals = new StressChecker(this.context.policy);
		long totalInterrupts = 0;
		long start = System.nanoTime();
		try {
			for (int i = 0; i < BATCHES; i++) {
				StressBatch batch = StressBatch.plan(random, this.context, "b" + i, false);
				long[] before = snapshot(metrics, interrupts);
				batch.run(template);
				StressChecker checker = new StressChecker(this.context.policy);
				checker.check(batch);
				awaitIdle(pool, nestedPool);
				long[] expected = expected(checker, interrupts.get() - before[INTERRUPTS]);
				long[] actual = minus(snapshot(metrics, interrupts), before);
				if (!checker.problems.isEmpty() || !this.context.violations.isEmpty()
						|| !matches(expected, actual, checker.maybeCancelled)) {
					fail(batch, checker, expected, actual);
				}
				add(totals, checker);
				totalInterrupts += actual[INTERRUPTS];
			}
		}
		finally {
			// Not shutdownNow(): its interrupts would hit the workers that still run the
			// no-op of a task that was cancelled while queued
			pool.shutdown();
			nestedPool.shutdown();
		}
		System.out.printf("ParallelTaskTemplateStressTests (%s): %d batches in %d ms, outcomes %s%n", poolName, BATCHES,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Arrays.toString(totals.outcomes));
		assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(nestedPool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.context.violations).isEmpty();
		long[] total = snapshot(metrics, new AtomicLong());
		assertThat(total[TOLERATED]).isEqualTo(totals.tolerated);
		assertThat(total[FATAL]).isEqualTo(totals.fatal);
		for (BatchOutcome outcome : BatchOutcome.values()) {
			assertThat(total[OUTCOMES + outcome.ordinal()]).as(outcome.toString())
				.isEqualTo(totals.outcomes[outcome.ordinal()]);
		}
		assertThat(total[CANCELLED]).isBetween(totals.neverStarted + totals.futuresCancelled + totalInterrupts,
				totals.neverStarted + totals.futuresCancelled + totalInterrupts + totals.maybeCancelled);
		if (BATCHES >= 1000) {
			assertExercised(totals);
		}
	}

	private static ParallelTaskTemplate template(ExecutorService executor, RecordingParallelTaskMetrics metrics) {
		// A grace period far longer than any task, so that no task is ever abandoned
		return ParallelTaskTemplate.builder(executor)
			.metrics(metrics)
			.cancelGracePeriod(Duration.ofSeconds(10))
			.build();
	}

	private static void awaitIdle(ThreadPoolExecutor... pools) {
		for (ThreadPoolExecutor pool : pools) {
			if (pool.getActiveCount() != 0) {
				await().pollInSameThread()
					.pollDelay(Duration.ZERO)
					.pollInterval(Duration.ofMillis(1))
					.atMost(Duration.ofSeconds(10))
					.until(() -> pool.getActiveCount() == 0);
			}
		}
	}

	private static void assertExercised(StressChecker totals) {
		assertThat(totals.outcomes).as("batches by outcome").doesNotContain(0L);
		assertThat(totals.neverStarted).as("tasks prevented from starting").isPositive();
		assertThat(totals.futuresCancelled).as("futures cancelled").isPositive();
		for (StressTask.Kind kind : List.of(StressTask.Kind.PARK, StressTask.Kind.LATCH_WAIT,
				StressTask.Kind.LONG_BLOCK, StressTask.Kind.NESTED)) {
			assertThat(totals.kindStates[kind.ordinal()][Subtask.State.CANCELLED.ordinal()])
				.as("%s tasks cancelled", kind)
				.isPositive();
		}
	}

	private static long[] snapshot(RecordingParallelTaskMetrics metrics, AtomicLong interrupts) {
		long[] snapshot = new long[OUTCOMES + BatchOutcome.values().length];
		snapshot[TOLERATED] = metrics.toleratedCount();
		snapshot[FATAL] = metrics.fatalCount();
		snapshot[CANCELLED] = metrics.cancelled();
		snapshot[INTERRUPTS] = interrupts.get();
		for (BatchOutcome outcome : BatchOutcome.values()) {
			snapshot[OUTCOMES + outcome.ordinal()] = metrics.batches(outcome);
		}
		return snapshot;
	}

	private static long[] expected(StressChecker checker, long interrupts) {
		long[] expected = new long[OUTCOMES + BatchOutcome.values().length];
		expected[TOLERATED] = checker.tolerated;
		expected[FATAL] = checker.fatal;
		expected[CANCELLED] = checker.neverStarted + checker.futuresCancelled + interrupts;
		expected[INTERRUPTS] = interrupts;
		System.arraycopy(checker.outcomes, 0, expected, OUTCOMES, checker.outcomes.length);
		return expected;
	}

	private static boolean matches(long[] expected, long[] actual, long maybeCancelled) {
		long[] within = actual.clone();
		if (within[CANCELLED] > expected[CANCELLED] && within[CANCELLED] <= expected[CANCELLED] + maybeCancelled) {
			within[CANCELLED] = expected[CANCELLED];
		}
		return Arrays.equals(expected, within);
	}

	private static long[] minus(long[] after, long[] before) {
		long[] delta = new long[after.length];
		for (int i = 0; i < after.length; i++) {
			delta[i] = after[i] - before[i];
		}
		return delta;
	}

	private static void add(StressChecker totals, StressChecker checker) {
		totals.tolerated += checker.tolerated;
		totals.fatal += checker.fatal;
		totals.neverStarted += checker.neverStarted;
		totals.futuresCancelled += checker.futuresCancelled;
		totals.maybeCancelled += checker.maybeCancelled;
		for (int i = 0; i < totals.outcomes.length; i++) {
			totals.outcomes[i] += checker.outcomes[i];
		}
		for (int i = 0; i < totals.kindStates.length; i++) {
			for (int j = 0; j < totals.kindStates[i].length; j++) {
				totals.kindStates[i][j] += checker.kindStates[i][j];
			}
		}
	}

	private void fail(StressBatch batch, StressChecker checker, long[] expected, long[] actual) {
		List<String> report = new ArrayList<>(checker.problems);
		report.addAll(this.context.violations);
		if (!matches(expected, actual, checker.maybeCancelled)) {
			report.add("metrics [tolerated, fatal, cancelled, interrupts, outcomes "
					+ Arrays.toString(BatchOutcome.values()) + "] expected from the ledger " + Arrays.toString(expected)
					+ " (cancelled up to " + (expected[CANCELLED] + checker.maybeCancelled) + ")" + " but recorded "
					+ Arrays.toString(actual));
		}
		assertThat(report).as("seed %d (-D%s=%d), %s", SEED, SEED_PROPERTY, SEED, batch).isEmpty();
	}

}
