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

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * The two latencies of a fatal cancel that the benchmarks record: from the throw to the
 * end of the last sibling, and from the throw to the caller catching the exception.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public final class CancelLatencies {

	private final LatencyRecorder siblingsEnded;

	private final LatencyRecorder callerCaught;

	/**
	 * Create the latencies of a benchmark.
	 * @param params the parameters of the benchmark
	 */
	public CancelLatencies(BenchmarkParams params) {
		String benchmark = params.getBenchmark();
		String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1) + "[siblings="
				+ params.getParam("siblings") + "]";
		this.siblingsEnded = new LatencyRecorder(name + " throw->last sibling ended");
		this.callerCaught = new LatencyRecorder(name + " throw->caller caught");
	}

	/**
	 * Record the latencies of a run that has ended.
	 * @param run the run
	 * @param caughtNanos when the caller caught the exception
	 * @return the latency from the throw to the end of the last sibling
	 */
	public long record(CancelRun run, long caughtNanos) {
		long siblings = run.siblingsEndedNanos();
		this.siblingsEnded.record(siblings);
		this.callerCaught.record(run.nanosSinceThrow(caughtNanos));
		return siblings;
	}

	/**
	 * End an iteration.
	 * @param params the parameters of the iteration
	 */
	public void endIteration(IterationParams params) {
		this.siblingsEnded.endIteration(params);
		this.callerCaught.endIteration(params);
	}

	/**
	 * Print the report of the trial.
	 */
	public void print() {
		System.out.println();
		System.out.println(this.siblingsEnded.report());
		System.out.println(this.callerCaught.report());
	}

}
