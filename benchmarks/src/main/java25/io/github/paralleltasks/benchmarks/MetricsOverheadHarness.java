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

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.micrometer.MicrometerParallelTaskMetrics;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

/**
 * Metrics on against metrics off, interleaved: on a busy machine the time of a batch of 16
 * no-op tasks moves by 2-3x between two JMH runs, more than the difference sought. So the
 * three templates of {@link SupervisionOverheadBenchmark} (no metrics,
 * {@code MicrometerParallelTaskMetrics} on its own registry, and on an application's
 * {@code ObservationRegistry}) run in turn, in chunks of {@code batches} batches, the order
 * rotated each chunk ({@link InterleavedChunks}); each chunk gives a ratio to the template without metrics measured a
 * moment before or after, and the median of the chunk ratios is printed with its range.
 *
 * <p>
 * Run with {@code java -cp benchmarks/target/benchmarks.jar
 * io.github.paralleltasks.benchmarks.MetricsOverheadHarness [tasks] [chunks] [batches]}.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public final class MetricsOverheadHarness {

	private static final String[] VARIANTS = { "off", "ownRegistry", "observations" };

	private MetricsOverheadHarness() {
	}

	/**
	 * Run the harness.
	 * @param args tasks per batch (16), chunks (21) and batches per chunk (2000)
	 */
	public static void main(String[] args) throws Exception {
		int tasks = (args.length > 0) ? Integer.parseInt(args[0]) : 16;
		int chunks = (args.length > 1) ? Integer.parseInt(args[1]) : 21;
		int batches = (args.length > 2) ? Integer.parseInt(args[2]) : 2000;
		List<Callable<Object>> callables = InterleavedChunks.noOpTasks(tasks);
		for (String kind : List.of("platform", "virtual")) {
			ExecutorService executor = InterleavedChunks.executor(kind);
			SimpleMeterRegistry meters = new SimpleMeterRegistry();
			ObservationRegistry observations = ObservationRegistry.create();
			observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
			ParallelTaskTemplate[] templates = { ParallelTaskTemplate.builder(executor).build(),
					ParallelTaskTemplate.builder(executor)
						.metrics(new MicrometerParallelTaskMetrics(new SimpleMeterRegistry()))
						.build(),
					ParallelTaskTemplate.builder(executor)
						.metrics(new MicrometerParallelTaskMetrics(meters, observations))
						.build() };
			long[][] nanos = InterleavedChunks.run(chunks, batches, () -> templates[0].invokeAll(callables),
					() -> templates[1].invokeAll(callables), () -> templates[2].invokeAll(callables));
			System.out.printf(Locale.ROOT, "OVERHEAD %-8s tasks=%d metrics off: %.1f us per batch (median of %d chunks)%n",
					kind, tasks, InterleavedChunks.medianMicrosPerBatch(nanos[0], batches), chunks);
			for (int v = 1; v < VARIANTS.length; v++) {
				double[] sorted = InterleavedChunks.sortedRatios(nanos[v], nanos[0]);
				System.out.printf(Locale.ROOT, "OVERHEAD %-8s tasks=%d %-12s x%.2f of metrics off (chunks %.2f-%.2f)%n",
						kind, tasks, VARIANTS[v], InterleavedChunks.median(sorted), sorted[0],
						sorted[sorted.length - 1]);
			}
			executor.shutdownNow();
		}
	}

}
