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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import io.github.paralleltasks.ParallelTaskTemplate;

/**
 * The template without metrics against {@code ExecutorService.invokeAll} and
 * {@code get()} of each future, and {@code CompletableFuture.allOf} of
 * {@code supplyAsync} on the same executor, no-op tasks, interleaved in one JVM as in
 * {@link MetricsOverheadHarness}: the two run in turn, in chunks of {@code batches}
 * batches, the order rotated each chunk, and each chunk gives a ratio to
 * {@code invokeAll} measured a moment before or after; the median of the chunk ratios is
 * printed with its range. JMH's trials of {@link SupervisionOverheadBenchmark}, seconds
 * apart, moved the same ratio between 0.6 and 3.6 on a busy machine.
 * <p>
 * Usage: {@code SupervisionOverheadHarness tasks chunks batches}, for instance
 * {@code 16 21 2000} or {@code 1000 21 100}; a fixed pool of 2 platform threads, then
 * virtual threads.
 *
 * @author parallel-tasks authors
 */
public final class SupervisionOverheadHarness {

	private SupervisionOverheadHarness() {
	}

	private static void allOf(List<Callable<Object>> callables, ExecutorService executor) {
		CompletableFuture<?>[] futures = new CompletableFuture<?>[callables.size()];
		for (int i = 0; i < futures.length; i++) {
			Callable<Object> callable = callables.get(i);
			futures[i] = CompletableFuture.supplyAsync(() -> {
				try {
					return callable.call();
				}
				catch (Exception ex) {
					throw new CompletionException(ex);
				}
			}, executor);
		}
		CompletableFuture.allOf(futures).join();
	}

	public static void main(String[] args) throws Exception {
		int tasks = (args.length > 0) ? Integer.parseInt(args[0]) : 16;
		int chunks = (args.length > 1) ? Integer.parseInt(args[1]) : 21;
		int batches = (args.length > 2) ? Integer.parseInt(args[2]) : 2000;
		List<Callable<Object>> callables = InterleavedChunks.noOpTasks(tasks);
		for (String kind : List.of("platform", "virtual")) {
			ExecutorService executor = InterleavedChunks.executor(kind);
			ParallelTaskTemplate template = ParallelTaskTemplate.builder(executor).build();
			long[][] nanos = InterleavedChunks.run(chunks, batches, () -> {
				for (Future<Object> future : executor.invokeAll(callables)) {
					future.get();
				}
			}, () -> template.invokeAll(callables), () -> allOf(callables, executor));
			double[] sorted = InterleavedChunks.sortedRatios(nanos[1], nanos[0]);
			double[] allOf = InterleavedChunks.sortedRatios(nanos[2], nanos[0]);
			System.out.printf(Locale.ROOT,
					"OVERHEAD %-8s tasks=%d invokeAll %.1f us per batch; template x%.2f of invokeAll (chunks %.2f-%.2f, %d chunks); allOf x%.2f (chunks %.2f-%.2f)%n",
					kind, tasks, InterleavedChunks.medianMicrosPerBatch(nanos[0], batches),
					InterleavedChunks.median(sorted), sorted[0], sorted[sorted.length - 1], chunks,
					InterleavedChunks.median(allOf), allOf[0], allOf[allOf.length - 1]);
			executor.shutdownNow();
		}
	}

}
