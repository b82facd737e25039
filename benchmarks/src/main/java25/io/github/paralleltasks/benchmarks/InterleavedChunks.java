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

package io.github.paralleltasks.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Variants run in turn in one JVM, in chunks of a number of batches each, the order
 * rotated each chunk, after a few chunks of warm-up: each chunk gives a time of every
 * variant measured a moment before or after the others, so that a ratio of two variants
 * in the same chunk does not move with the load of the machine as much as two JMH trials
 * seconds apart do. Used by {@link MetricsOverheadHarness} and
 * {@link SupervisionOverheadHarness}.
 *
 * @author parallel-tasks authors
 */
final class InterleavedChunks {

	private static final int WARM_UP_CHUNKS = 5;

	private InterleavedChunks() {
	}

	/**
	 * Run each variant's batch {@code batches} times per chunk, the variants in turn.
	 * @param chunks the number of chunks measured, after the warm-up
	 * @param batches the batches of each variant per chunk
	 * @param variants the batches to compare
	 * @return the nanoseconds of each variant (first index) in each chunk (second)
	 * @throws Exception if a batch throws
	 */
	static long[][] run(int chunks, int batches, Batch... variants) throws Exception {
		long[][] nanos = new long[variants.length][chunks];
		for (int chunk = -WARM_UP_CHUNKS; chunk < chunks; chunk++) {
			for (int turn = 0; turn < variants.length; turn++) {
				int variant = (turn + Math.floorMod(chunk, variants.length)) % variants.length;
				long start = System.nanoTime();
				for (int i = 0; i < batches; i++) {
					variants[variant].run();
				}
				if (chunk >= 0) {
					nanos[variant][chunk] = System.nanoTime() - start;
				}
			}
		}
		return nanos;
	}

	/**
	 * Return the ratio of a variant to the reference in each chunk, sorted.
	 */
	static double[] sortedRatios(long[] variant, long[] reference) {
		double[] ratios = new double[variant.length];
		for (int chunk = 0; chunk < ratios.length; chunk++) {
			ratios[chunk] = (double) variant[chunk] / reference[chunk];
		}
		Arrays.sort(ratios);
		return ratios;
	}

	/**
	 * Return the median time of one batch, in microseconds.
	 */
	static double medianMicrosPerBatch(long[] nanos, int batches) {
		double[] micros = new double[nanos.length];
		for (int chunk = 0; chunk < micros.length; chunk++) {
			micros[chunk] = nanos[chunk] / 1e3 / batches;
		}
		return median(micros);
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	/**
	 * Return the executor of the harnesses' runs of the given kind: a fixed pool of 2
	 * platform threads, or a virtual thread per task.
	 * @param kind {@code "platform"} or {@code "virtual"}
	 */
	static ExecutorService executor(String kind) {
		return kind.equals("virtual") ? Executors.newVirtualThreadPerTaskExecutor() : Executors.newFixedThreadPool(2);
	}

	/**
	 * Return {@code count} tasks that return at once.
	 */
	static List<Callable<Object>> noOpTasks(int count) {
		List<Callable<Object>> tasks = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			tasks.add(() -> Boolean.TRUE);
		}
		return tasks;
	}

	/**
	 * One batch of a variant.
	 */
	@FunctionalInterface
	interface Batch {

		void run() throws Exception;

	}

}
