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
import java.util.Locale;

import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Records latencies that a benchmark measures itself, such as the time from a fatal error
 * to the end of the last sibling, and prints their percentiles when the trial ends: p50,
 * p90, p99 and the maximum of all the samples of the measurement iterations, and the mean
 * of the medians of each iteration with its 99.9% confidence interval, as JMH computes
 * the error of a score. {@code quick.sh} reads these {@code LATENCY} lines.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public final class LatencyRecorder {

	private static final int CAPACITY = 1 << 20;

	private final String label;

	private final long[] samples = new long[CAPACITY];

	private int count;

	private final List<Double> iterationMedians = new ArrayList<>();

	private final List<long[]> measured = new ArrayList<>();

	/**
	 * Create a recorder.
	 * @param label what it records, in its report
	 */
	public LatencyRecorder(String label) {
		this.label = label;
	}

	/**
	 * Record one latency. Called by the benchmark thread only.
	 * @param nanos the latency in nanoseconds
	 */
	public void record(long nanos) {
		if (this.count < CAPACITY) {
			this.samples[this.count++] = nanos;
		}
	}

	/**
	 * End an iteration: keep its samples if it was a measurement iteration.
	 * @param params the parameters of the iteration
	 */
	public void endIteration(IterationParams params) {
		if (params.getType() == IterationType.MEASUREMENT && this.count > 0) {
			long[] iteration = Arrays.copyOf(this.samples, this.count);
			Arrays.sort(iteration);
			this.iterationMedians.add(iteration[iteration.length / 2] / 1000.0);
			this.measured.add(iteration);
		}
		this.count = 0;
	}

	/**
	 * Return the report of the measurement iterations.
	 * @return one line
	 */
	public String report() {
		long[] all = this.measured.stream().flatMapToLong(Arrays::stream).sorted().toArray();
		if (all.length == 0) {
			return "LATENCY " + this.label + ": no samples";
		}
		ListStatistics medians = new ListStatistics();
		this.iterationMedians.forEach(medians::addValue);
		double error = (this.iterationMedians.size() > 2) ? medians.getMeanErrorAt(0.999) : Double.NaN;
		return String.format(Locale.ROOT,
				"LATENCY %s: n=%d p50=%.1f us p90=%.1f us p99=%.1f us max=%.1f us; mean of %d iteration medians %.1f ± %.1f us %s",
				this.label, all.length, percentile(all, 0.5), percentile(all, 0.9), percentile(all, 0.99),
				all[all.length - 1] / 1000.0, this.iterationMedians.size(), medians.getMean(), error,
				this.iterationMedians);
	}

	private static double percentile(long[] sorted, double rank) {
		return sorted[(int) Math.min(sorted.length - 1, Math.floor(rank * sorted.length))] / 1000.0;
	}

}
