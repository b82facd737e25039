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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.paralleltasks.ParallelResult;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.micrometer.MicrometerParallelTaskMetrics;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
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
 * Cost of supervising a batch: a batch of {@code tasks} no-op tasks (each returns a
 * constant) on one executor, run by {@link ParallelTaskTemplate#invokeAll} (without
 * metrics, with {@link MicrometerParallelTaskMetrics} on a {@link SimpleMeterRegistry}
 * alone, which records the task timers without observations, and with it on an
 * {@code ObservationRegistry} of the application's, which observes every task), by
 * {@link ExecutorService#invokeAll} followed by a {@code get} of each future, and by
 * {@link CompletableFuture#supplyAsync} of each task and {@link CompletableFuture#allOf}.
 * The executor is {@code Executors.newVirtualThreadPerTaskExecutor()} (looked up at run
 * time, so that this class compiles on Java 17) or a fixed pool of 2 platform threads.
 * Run with {@code -prof gc} for the bytes allocated per batch; divide by {@code tasks}
 * for a task's share.
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
	@Param({ "16", "1000" })
	public int tasks;

	/**
	 * The executor: {@code virtual} (a virtual thread per task) or {@code platform} (a
	 * fixed pool of 2 threads).
	 */
	@Param({ "virtual", "platform" })
	public String executorKind;

	private ExecutorService executor;

	private ParallelTaskTemplate template;

	private ParallelTaskTemplate meteredTemplate;

	private ParallelTaskTemplate observedTemplate;

	private List<Callable<Object>> callables;

	private List<Supplier<Object>> suppliers;

	/**
	 * Start the executor and build the batch.
	 * @throws ReflectiveOperationException if there are no virtual threads
	 */
	@Setup
	public void setUp() throws ReflectiveOperationException {
		this.executor = switch (this.executorKind) {
			case "virtual" ->
				(ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
			case "platform" -> Executors.newFixedThreadPool(2);
			default -> throw new IllegalArgumentException("Unknown executor " + this.executorKind);
		};
		this.template = ParallelTaskTemplate.builder(this.executor).build();
		this.meteredTemplate = ParallelTaskTemplate.builder(this.executor)
			.metrics(new MicrometerParallelTaskMetrics(new SimpleMeterRegistry()))
			.build();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		this.observedTemplate = ParallelTaskTemplate.builder(this.executor)
			.metrics(new MicrometerParallelTaskMetrics(meters, observations))
			.build();
		this.callables = new ArrayList<>(this.tasks);
		this.suppliers = new ArrayList<>(this.tasks);
		for (int i = 0; i < this.tasks; i++) {
			this.callables.add(() -> VALUE);
			this.suppliers.add(() -> VALUE);
		}
	}

	/**
	 * Stop the executor.
	 * @throws InterruptedException if interrupted while waiting for the executor
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
	 * The batch run by a template that records Micrometer metrics through an
	 * {@link ObservationRegistry} of the application's, here one with a
	 * {@link DefaultMeterObservationHandler} only (as Spring Boot's without a tracer):
	 * every task is observed.
	 * @param blackhole the blackhole of the values
	 */
	@Benchmark
	public void parallelTaskTemplateWithObservations(Blackhole blackhole) {
		consume(this.observedTemplate.invokeAll(this.callables), blackhole);
	}

	/**
	 * The batch run by the executor, without supervision: the reference.
	 * @param blackhole the blackhole of the values
	 * @throws Exception if a task failed, or if interrupted
	 */
	@Benchmark
	public void executorService(Blackhole blackhole) throws Exception {
		for (Future<Object> future : this.executor.invokeAll(this.callables)) {
			blackhole.consume(future.get());
		}
	}

	/**
	 * The batch run as completable futures on the executor, joined by
	 * {@link CompletableFuture#allOf}.
	 * @param blackhole the blackhole of the values
	 */
	@Benchmark
	public void completableFutureAllOf(Blackhole blackhole) {
		CompletableFuture<?>[] futures = new CompletableFuture<?>[this.tasks];
		for (int i = 0; i < futures.length; i++) {
			futures[i] = CompletableFuture.supplyAsync(this.suppliers.get(i), this.executor);
		}
		CompletableFuture.allOf(futures).join();
		for (CompletableFuture<?> future : futures) {
			blackhole.consume(future.join());
		}
	}

	private void consume(ParallelResult<Object> result, Blackhole blackhole) {
		for (int i = 0; i < this.tasks; i++) {
			blackhole.consume(result.subtask(i).get());
		}
	}

}
