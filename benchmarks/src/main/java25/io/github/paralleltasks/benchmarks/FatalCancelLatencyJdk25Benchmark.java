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

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.TimeUnit;

import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelTaskTemplate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The scenario of {@link FatalCancelLatencyBenchmark} on virtual threads: run by a
 * {@link ParallelTaskTemplate} on {@link Executors#newVirtualThreadPerTaskExecutor()} and
 * on Spring's {@link SimpleAsyncTaskExecutor} with virtual threads, and by the JDK's
 * {@link StructuredTaskScope} (a preview API of Java 25), whose {@code open()} forks
 * virtual threads and fails on the first exception.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = "--enable-preview")
public class FatalCancelLatencyJdk25Benchmark {

	/**
	 * Number of blocked siblings.
	 */
	@Param({ "8", "1000" })
	public int siblings;

	private ExecutorService executor;

	private ParallelTaskTemplate template;

	private ParallelTaskTemplate springTemplate;

	private CancelLatencies latencies;

	/**
	 * Create the virtual-thread executors of the templates.
	 * @param params the parameters of the benchmark
	 */
	@Setup(Level.Trial)
	public void setUp(BenchmarkParams params) {
		this.executor = Executors.newVirtualThreadPerTaskExecutor();
		this.template = ParallelTaskTemplate.builder(this.executor).build();
		SimpleAsyncTaskExecutor spring = new SimpleAsyncTaskExecutor("bench-virtual-");
		spring.setVirtualThreads(true);
		this.springTemplate = ParallelTaskTemplate.builder(spring).build();
		this.latencies = new CancelLatencies(params);
	}

	/**
	 * Keep the latencies of a measurement iteration.
	 * @param params the parameters of the iteration
	 */
	@TearDown(Level.Iteration)
	public void endIteration(IterationParams params) {
		this.latencies.endIteration(params);
	}

	/**
	 * Print the latencies and close the executor.
	 */
	@TearDown(Level.Trial)
	public void tearDown() {
		this.latencies.print();
		this.executor.close();
	}

	/**
	 * A batch run by a {@link ParallelTaskTemplate} on
	 * {@link Executors#newVirtualThreadPerTaskExecutor()}.
	 * @return the latency from the throw to the end of the last sibling
	 */
	@Benchmark
	public long templateOnVirtualThreads() {
		return runTemplate(this.template);
	}

	/**
	 * A batch run by a {@link ParallelTaskTemplate} on a {@link SimpleAsyncTaskExecutor}
	 * with virtual threads, which is what Boot's {@code applicationTaskExecutor} is with
	 * {@code spring.threads.virtual.enabled=true}.
	 * @return the latency from the throw to the end of the last sibling
	 */
	@Benchmark
	public long templateOnSpringVirtualThreads() {
		return runTemplate(this.springTemplate);
	}

	private long runTemplate(ParallelTaskTemplate template) {
		CancelRun run = new CancelRun(this.siblings);
		try {
			template.invokeAll(run.tasks());
		}
		catch (FatalTaskException ex) {
			return this.latencies.record(run, System.nanoTime());
		}
		throw new IllegalStateException("The batch did not fail");
	}

	/**
	 * The same tasks in a {@link StructuredTaskScope}: {@code join()} throws once a task
	 * failed and the scope was cancelled, and {@code close()} waits for every thread.
	 * @return the latency from the throw to the end of the last sibling
	 * @throws InterruptedException if interrupted
	 */
	@Benchmark
	public long structuredTaskScope() throws InterruptedException {
		CancelRun run = new CancelRun(this.siblings);
		try (StructuredTaskScope<Object, Void> scope = StructuredTaskScope.open()) {
			for (Callable<Object> task : run.tasks()) {
				scope.fork(task);
			}
			scope.join();
		}
		catch (StructuredTaskScope.FailedException ex) {
			return this.latencies.record(run, System.nanoTime());
		}
		throw new IllegalStateException("The scope did not fail");
	}

}
