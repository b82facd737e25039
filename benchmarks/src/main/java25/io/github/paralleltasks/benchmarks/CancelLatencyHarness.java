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

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.StructuredTaskScope;

import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelTaskTemplate;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The fatal-cancel latency of {@link FatalCancelLatencyJdk25Benchmark}, throw to caller
 * caught, with the variants interleaved batch by batch in one JVM: JMH runs each variant
 * in a fork of its own, seconds apart, and on a busy machine the load moves between two
 * forks more than the difference sought (1000 siblings: 0.4-3.4x the same reference in
 * six alternated runs). Here each round runs one batch of each variant, in an order
 * rotated each round, so that each variant sees the same moments of the machine; the
 * p50, p90 and p99 of all rounds are printed with their ratios to
 * {@code StructuredTaskScope}'s.
 * <p>
 * With {@code platform} as the fourth argument, the variants are those of
 * {@link FatalCancelLatencyBenchmark} instead: the template on Spring's
 * {@code ThreadPoolTaskExecutor} with a thread for each task, and the same tasks
 * submitted to the same pool and cancelled by hand with {@code Future.cancel(true)}, the
 * reference, whose time is taken once its siblings have ended, as the template's is.
 * <p>
 * Usage: {@code CancelLatencyHarness siblings rounds [warm-up rounds] [virtual|platform]};
 * needs {@code --enable-preview} for {@code StructuredTaskScope}.
 *
 * @author parallel-tasks authors
 */
public final class CancelLatencyHarness {

	private static final String[] VIRTUAL_VARIANTS = { "structuredTaskScope", "templateOnVirtualThreads",
			"templateOnSpringVirtualThreads" };

	private static final String[] PLATFORM_VARIANTS = { "futuresCancelledOnPlatformPool", "templateOnPlatformPool" };

	private CancelLatencyHarness() {
	}

	public static void main(String[] args) throws Exception {
		int siblings = (args.length > 0) ? Integer.parseInt(args[0]) : 8;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 2000;
		int warmUp = (args.length > 2) ? Integer.parseInt(args[2]) : rounds / 5;
		boolean platform = args.length > 3 && args[3].equals("platform");
		if (platform) {
			ThreadPoolTaskExecutor pool = CancelRun.platformPool(siblings, "harness-pool-");
			ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).build();
			ExecutorService executor = pool.getThreadPoolExecutor();
			print(siblings, PLATFORM_VARIANTS, interleave(PLATFORM_VARIANTS.length, rounds, warmUp,
					(variant) -> (variant == 0) ? futuresCancelled(executor, siblings) : template(template, siblings)));
			pool.shutdown();
			return;
		}
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			SimpleAsyncTaskExecutor spring = new SimpleAsyncTaskExecutor("harness-virtual-");
			spring.setVirtualThreads(true);
			ParallelTaskTemplate[] templates = { null, ParallelTaskTemplate.builder(executor).build(),
					ParallelTaskTemplate.builder(spring).build() };
			print(siblings, VIRTUAL_VARIANTS, interleave(VIRTUAL_VARIANTS.length, rounds, warmUp,
					(variant) -> (variant == 0) ? structuredTaskScope(siblings) : template(templates[variant], siblings)));
		}
	}

	/**
	 * Run one batch of each variant per round, in an order rotated each round.
	 * @return the latencies of each variant, one per round after the warm-up
	 */
	private static long[][] interleave(int variants, int rounds, int warmUp, Variant run) throws Exception {
		long[][] latencies = new long[variants][rounds];
		for (int round = -warmUp; round < rounds; round++) {
			for (int turn = 0; turn < variants; turn++) {
				int variant = (turn + Math.floorMod(round, variants)) % variants;
				long latency = run.latency(variant);
				if (round >= 0) {
					latencies[variant][round] = latency;
				}
			}
		}
		return latencies;
	}

	private static void print(int siblings, String[] variants, long[][] latencies) {
		long[] reference = percentiles(latencies[0]);
		for (int variant = 0; variant < variants.length; variant++) {
			long[] p = percentiles(latencies[variant]);
			System.out.printf(Locale.ROOT,
					"CANCEL siblings=%d %-31s p50/p90/p99 %8.1f / %8.1f / %8.1f us  x%.2f / %.2f / %.2f (%d rounds)%n",
					siblings, variants[variant], p[0] / 1e3, p[1] / 1e3, p[2] / 1e3, (double) p[0] / reference[0],
					(double) p[1] / reference[1], (double) p[2] / reference[2], latencies[variant].length);
		}
	}

	private static long futuresCancelled(ExecutorService executor, int siblings) throws InterruptedException {
		CancelRun run = new CancelRun(siblings);
		return run.nanosSinceThrow(run.cancelFuturesByHand(executor));
	}

	private static long template(ParallelTaskTemplate template, int siblings) {
		CancelRun run = new CancelRun(siblings);
		try {
			template.invokeAll(run.tasks());
		}
		catch (FatalTaskException ex) {
			return run.nanosSinceThrow(System.nanoTime());
		}
		throw new IllegalStateException("The batch did not fail");
	}

	private static long structuredTaskScope(int siblings) throws InterruptedException {
		CancelRun run = new CancelRun(siblings);
		try (StructuredTaskScope<Object, Void> scope = StructuredTaskScope.open()) {
			for (Callable<Object> task : run.tasks()) {
				scope.fork(task);
			}
			scope.join();
		}
		catch (StructuredTaskScope.FailedException ex) {
			return run.nanosSinceThrow(System.nanoTime());
		}
		throw new IllegalStateException("The scope did not fail");
	}

	@FunctionalInterface
	private interface Variant {

		long latency(int variant) throws Exception;

	}

	private static long[] percentiles(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return new long[] { sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.9)],
				sorted[(int) (sorted.length * 0.99)] };
	}

}
