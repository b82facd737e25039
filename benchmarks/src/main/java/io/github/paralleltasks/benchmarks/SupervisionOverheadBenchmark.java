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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.paralleltasks.ParallelResult;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.micrometer.MicrometerParallelTaskMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of supervising a batch: a batch of {@code tasks} trivial tasks on a fixed pool of
 * 2 threads, run by {@link ParallelTaskTemplate#invokeAll} (without and with Micrometer
 * metrics) and by {@link ExecutorService#invokeAll} followed by a {@code get} of each
 * future. Each task returns a constant, after about 1 µs of work when {@code cpuTokens}
 * is not 0. Run with {@code -prof gc} for the bytes allocated per batch.
 *
 * <p>
 * The mode is {@code SampleTime}, whose median resists better than an average the
 * pre-emptions of a busy machine.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class SupervisionOverheadBenchmark {

	private static final Object VALUE = new Object();

	/**
	 * Number of tasks in a batch.
	 */
	@Param({ "1", "8", "64" })
	public int tasks;

	/**
	 * Work of each task, in {@link Blackhole#consumeCPU} tokens: 0, or about 1 µs.
	 */
	@Param({ "0", "200" })
	public long cpuTokens;

	private ExecutorService executor;

	private ParallelTaskTemplate template;

	private ParallelTaskTemplate meteredTemplate;

	private ParallelTaskTemplate batchMeteredTemplate;

	private List<Callable<Object>> callables;

	/**
	 * Start the pool and build the batch.
	 */
	@Setup
	public void setUp() {
		this.executor = Executors.newFixedThreadPool(2);
		this.template = ParallelTaskTemplate.builder(this.executor).build();
		this.meteredTemplate = ParallelTaskTemplate.builder(this.executor)
			.metrics(new MicrometerParallelTaskMetrics(new SimpleMeterRegistry()))
			.build();
		MicrometerParallelTaskMetrics batchMetrics = new MicrometerParallelTaskMetrics(new SimpleMeterRegistry());
		batchMetrics.setObserveTasks(false);
		this.batchMeteredTemplate = ParallelTaskTemplate.builder(this.executor).metrics(batchMetrics).build();
		long tokens = this.cpuTokens;
		this.callables = new ArrayList<>(this.tasks);
		for (int i = 0; i < this.tasks; i++) {
			this.callables.add(() -> {
				if (tokens > 0) {
					Blackhole.consumeCPU(tokens);
				}
				return VALUE;
			});
		}
	}

	/**
	 * Stop the pool.
	 * @throws InterruptedException if interrupted while waiting for the pool
	 */
	@TearDown
	public void tearDown() throws InterruptedException {
		this.executor.shutdownNow();
		this.executor.awaitTermination(10, TimeUnit.SECONDS);
	}

	/**
	 * The batch run by a template that records no metrics.
	 * @param blackhole the blackhole of the values
	 */
	@Benchmark
	public void parallelTaskTemplate(Blackhole blackhole) {
		consume(this.template.invokeAll(this.callables), blackhole);
	}

	/**
	 * The batch run by a template that records Micrometer metrics to a
	 * {@link SimpleMeterRegistry}.
	 * @param blackhole the blackhole of the values
	 */
	@Benchmark
	public void parallelTaskTemplateWithMetrics(Blackhole blackhole) {
		consume(this.meteredTemplate.invokeAll(this.callables), blackhole);
	}

	/**
	 * The batch run by a template that records Micrometer metrics to a
	 * {@link SimpleMeterRegistry}, without an observation of each task.
	 * @param blackhole the blackhole of the values
	 */
	@Benchmark
	public void parallelTaskTemplateWithBatchMetrics(Blackhole blackhole) {
		consume(this.batchMeteredTemplate.invokeAll(this.callables), blackhole);
	}

	/**
	 * The batch run by the executor, without supervision.
	 * @param blackhole the blackhole of the values
	 * @throws Exception if a task failed, or if interrupted
	 */
	@Benchmark
	public void executorService(Blackhole blackhole) throws Exception {
		for (Future<Object> future : this.executor.invokeAll(this.callables)) {
			blackhole.consume(future.get());
		}
	}

	private void consume(ParallelResult<Object> result, Blackhole blackhole) {
		for (int i = 0; i < this.tasks; i++) {
			blackhole.consume(result.subtask(i).get());
		}
	}

}
