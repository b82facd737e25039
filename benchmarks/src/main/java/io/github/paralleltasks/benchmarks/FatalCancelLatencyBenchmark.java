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

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelTaskTemplate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Latency of a fatal cancel on platform threads: {@code siblings} tasks blocked in
 * {@code Thread.sleep(10_000)} and one task that throws a {@link BenchmarkFatalException}
 * once they all run, on Spring's {@link ThreadPoolTaskExecutor} with a thread for each
 * task.
 *
 * <p>
 * JMH's score is the time of a whole batch, from the first fork to the
 * {@link FatalTaskException} caught by the caller. The latency that users feel is
 * measured by the tasks and printed as {@code LATENCY} lines when the trial ends: from
 * the {@code System.nanoTime()} read just before the throw to the moment the caller holds
 * the exception, and to the end of the last sibling (read in its {@code finally} block).
 * The Java 25 source folder has the same scenario on virtual threads, and with the JDK's
 * {@code StructuredTaskScope}.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class FatalCancelLatencyBenchmark {

	/**
	 * Number of blocked siblings.
	 */
	@Param({ "8", "1000" })
	public int siblings;

	private ThreadPoolTaskExecutor pool;

	private ExecutorService executor;

	private ParallelTaskTemplate template;

	private CancelLatencies latencies;

	/**
	 * Start a pool with a thread for each task.
	 * @param params the parameters of the benchmark
	 */
	@Setup(Level.Trial)
	public void setUp(BenchmarkParams params) {
		this.pool = CancelRun.platformPool(this.siblings, "bench-pool-");
		this.executor = this.pool.getThreadPoolExecutor();
		this.template = ParallelTaskTemplate.builder(this.pool).build();
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
	 * Print the latencies and stop the pool.
	 */
	@TearDown(Level.Trial)
	public void tearDown() {
		this.latencies.print();
		this.pool.shutdown();
	}

	/**
	 * A batch run by a {@link ParallelTaskTemplate} on the platform pool.
	 * @return the latency from the throw to the end of the last sibling
	 */
	@Benchmark
	public long templateOnPlatformPool() {
		CancelRun run = new CancelRun(this.siblings);
		try {
			this.template.invokeAll(run.tasks());
		}
		catch (FatalTaskException ex) {
			return this.latencies.record(run, System.nanoTime());
		}
		throw new IllegalStateException("The batch did not fail");
	}

	/**
	 * The same tasks submitted to the same pool's {@link ExecutorService}, cancelled by
	 * hand: the caller waits for the failing task's future, then cancels every future
	 * with {@code cancel(true)}, and waits for the siblings to end before it takes the
	 * time, as the template does. A floor: nothing classified, nothing recorded.
	 * @return the latency from the throw to the end of the last sibling
	 * @throws InterruptedException if interrupted
	 */
	@Benchmark
	public long futuresCancelledOnPlatformPool() throws InterruptedException {
		CancelRun run = new CancelRun(this.siblings);
		return this.latencies.record(run, run.cancelFuturesByHand(this.executor));
	}

}
