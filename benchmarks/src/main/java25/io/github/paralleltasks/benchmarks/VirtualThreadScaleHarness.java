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

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelTaskTemplate;

/**
 * Scale on virtual threads (issue 10), a plain {@code main} rather than JMH because it
 * measures heap as well as time: {@code tasks} tasks (100,000 by default) on
 * {@code Executors.newVirtualThreadPerTaskExecutor()}, run by the template, by the
 * executor's own {@code invokeAll} (the reference) and by {@code StructuredTaskScope}
 * (Java 25 preview).
 *
 * <p>
 * Scenarios, each variant alternated with the others {@code rounds} times in one JVM:
 * <ul>
 * <li>{@code success}: every task sleeps 10 ms and returns;</li>
 * <li>{@code fatal-first}: the same, but task 0 sleeps 5 ms and throws a
 * {@code @FatalError} exception, typically while the batch is still being forked;</li>
 * <li>{@code fatal-last}: the last task does, once every other task has been forked;</li>
 * </ul>
 * printing the wall time (from the call to the return or the throw) and the peak heap
 * used above the level before the run (a platform thread samples
 * {@link MemoryMXBean#getHeapMemoryUsage()} every millisecond, after a
 * {@code System.gc()} before the run). Plain {@code invokeAll} cancels nothing: with a
 * fatal error it still waits for every task.
 *
 * <p>
 * {@code retained}: every task blocks on a latch; once all have started, three
 * {@code System.gc()} calls and the heap used, minus the same before the batch, divided
 * by {@code tasks}: the heap retained per task in flight, virtual thread included. The
 * template's own share is its figure minus the reference's.
 *
 * <p>
 * Run with {@code java --enable-preview -Xmx8g -cp benchmarks/target/benchmarks.jar
 * io.github.paralleltasks.benchmarks.VirtualThreadScaleHarness [tasks] [rounds]}.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public final class VirtualThreadScaleHarness {

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private static final List<String> VARIANTS = List.of("template", "invokeAll", "structuredTaskScope");

	private final int tasks;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final ParallelTaskTemplate template = ParallelTaskTemplate.builder(this.executor).build();

	private VirtualThreadScaleHarness(int tasks) {
		this.tasks = tasks;
	}

	/**
	 * Run the harness.
	 * @param args the number of tasks (100,000 by default) and of rounds (5 by default)
	 * @throws Exception if a run fails
	 */
	public static void main(String[] args) throws Exception {
		int tasks = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 5;
		VirtualThreadScaleHarness harness = new VirtualThreadScaleHarness(tasks);
		System.out.printf(Locale.ROOT, "tasks=%d rounds=%d max heap=%d MiB, %s%n", tasks, rounds,
				MEMORY.getHeapMemoryUsage().getMax() >> 20, Runtime.version());
		for (String scenario : List.of("success", "fatal-first", "fatal-last")) {
			harness.timeScenario(scenario, rounds);
		}
		harness.retained(rounds);
		harness.executor.shutdownNow();
	}

	private void timeScenario(String scenario, int rounds) throws Exception {
		// One warm-up round, not reported
		for (String variant : VARIANTS) {
			run(variant, tasks(scenario));
		}
		Map<String, long[]> times = new LinkedHashMap<>();
		Map<String, long[]> peaks = new LinkedHashMap<>();
		for (String variant : VARIANTS) {
			times.put(variant, new long[rounds]);
			peaks.put(variant, new long[rounds]);
		}
		for (int round = 0; round < rounds; round++) {
			for (String variant : VARIANTS) {
				List<Callable<Object>> batch = tasks(scenario);
				gc();
				long before = MEMORY.getHeapMemoryUsage().getUsed();
				HeapSampler sampler = new HeapSampler();
				sampler.start();
				long start = System.nanoTime();
				run(variant, batch);
				long wall = System.nanoTime() - start;
				sampler.interrupt();
				sampler.join();
				times.get(variant)[round] = wall;
				peaks.get(variant)[round] = sampler.peak - before;
			}
		}
		long referenceTime = median(times.get("invokeAll"));
		long referencePeak = median(peaks.get("invokeAll"));
		for (String variant : VARIANTS) {
			long time = median(times.get(variant));
			long peak = median(peaks.get(variant));
			System.out.printf(Locale.ROOT,
					"SCALE %-11s %-19s wall p50 %7.1f ms (x%.2f) [%s] peak heap p50 %6.1f MiB (x%.2f) [%s]%n", scenario,
					variant, time / 1e6, (double) time / referenceTime, millis(times.get(variant)), peak / 1048576.0,
					(double) peak / referencePeak, mebibytes(peaks.get(variant)));
		}
	}

	private void retained(int rounds) throws Exception {
		Map<String, long[]> perTask = new LinkedHashMap<>();
		for (String variant : VARIANTS) {
			perTask.put(variant, new long[rounds]);
		}
		for (int round = 0; round < rounds; round++) {
			for (String variant : VARIANTS) {
				CountDownLatch release = new CountDownLatch(1);
				AtomicInteger started = new AtomicInteger();
				List<Callable<Object>> batch = new ArrayList<>(this.tasks);
				for (int i = 0; i < this.tasks; i++) {
					batch.add(() -> {
						started.incrementAndGet();
						release.await();
						return Boolean.TRUE;
					});
				}
				gc();
				long before = MEMORY.getHeapMemoryUsage().getUsed();
				Thread caller = Thread.ofPlatform().start(() -> {
					try {
						run(variant, batch);
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				});
				while (started.get() < this.tasks) {
					Thread.sleep(1);
				}
				gc();
				long inFlight = MEMORY.getHeapMemoryUsage().getUsed();
				release.countDown();
				caller.join();
				perTask.get(variant)[round] = (inFlight - before) / this.tasks;
			}
		}
		long reference = median(perTask.get("invokeAll"));
		for (String variant : VARIANTS) {
			long bytes = median(perTask.get(variant));
			System.out.printf(Locale.ROOT, "RETAINED %-19s %5d B per task in flight (%+d B against invokeAll) %s%n",
					variant, bytes, bytes - reference, Arrays.toString(perTask.get(variant)));
		}
	}

	private List<Callable<Object>> tasks(String scenario) {
		int failing = switch (scenario) {
			case "success" -> -1;
			case "fatal-first" -> 0;
			case "fatal-last" -> this.tasks - 1;
			default -> throw new IllegalArgumentException(scenario);
		};
		List<Callable<Object>> batch = new ArrayList<>(this.tasks);
		for (int i = 0; i < this.tasks; i++) {
			if (i == failing) {
				batch.add(() -> {
					Thread.sleep(5);
					throw new BenchmarkFatalException();
				});
			}
			else {
				batch.add(() -> {
					Thread.sleep(10);
					return Boolean.TRUE;
				});
			}
		}
		return batch;
	}

	private void run(String variant, List<Callable<Object>> batch) throws Exception {
		switch (variant) {
			case "template" -> {
				try {
					this.template.invokeAll(batch);
				}
				catch (FatalTaskException ex) {
					// the fatal scenarios
				}
			}
			case "invokeAll" -> {
				for (Future<Object> future : this.executor.invokeAll(batch)) {
					try {
						future.get();
					}
					catch (ExecutionException ex) {
						// the fatal scenarios
					}
				}
			}
			case "structuredTaskScope" -> {
				try (StructuredTaskScope<Object, Void> scope = StructuredTaskScope.open()) {
					for (Callable<Object> task : batch) {
						scope.fork(task);
					}
					scope.join();
				}
				catch (StructuredTaskScope.FailedException ex) {
					// the fatal scenarios
				}
			}
			default -> throw new IllegalArgumentException(variant);
		}
	}

	private static void gc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
	}

	private static long median(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	private static String millis(long[] nanos) {
		StringBuilder text = new StringBuilder();
		for (long value : nanos) {
			text.append((text.length() > 0) ? " " : "").append(String.format(Locale.ROOT, "%.0f", value / 1e6));
		}
		return text.toString();
	}

	private static String mebibytes(long[] bytes) {
		StringBuilder text = new StringBuilder();
		for (long value : bytes) {
			text.append((text.length() > 0) ? " " : "").append(String.format(Locale.ROOT, "%.0f", value / 1048576.0));
		}
		return text.toString();
	}

	/**
	 * Samples the heap used every millisecond until interrupted.
	 */
	private static final class HeapSampler extends Thread {

		private volatile long peak;

		HeapSampler() {
			setDaemon(true);
		}

		@Override
		public void run() {
			long max = MEMORY.getHeapMemoryUsage().getUsed();
			try {
				while (!isInterrupted()) {
					max = Math.max(max, MEMORY.getHeapMemoryUsage().getUsed());
					Thread.sleep(1);
				}
			}
			catch (InterruptedException ex) {
				// done
			}
			this.peak = Math.max(max, MEMORY.getHeapMemoryUsage().getUsed());
		}

	}

}
