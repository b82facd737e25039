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

package io.github.paralleltasks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real thread pools for a test, each of which must be idle when the test ends and is then
 * shut down.
 *
 * @author parallel-tasks authors
 */
final class TestPools implements AutoCloseable {

	private final List<ExecutorService> pools = new ArrayList<>();

	/**
	 * Return a pool of a fixed number of threads and an unbounded queue.
	 */
	ThreadPoolExecutor fixed(int threads) {
		return register((ThreadPoolExecutor) Executors.newFixedThreadPool(threads));
	}

	/**
	 * Return a pool of a fixed number of threads whose bounded queue rejects, with an
	 * {@link ThreadPoolExecutor.AbortPolicy}, the tasks it cannot hold.
	 */
	ThreadPoolExecutor bounded(int threads, int queueCapacity) {
		return register(new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(queueCapacity), new ThreadPoolExecutor.AbortPolicy()));
	}

	/**
	 * Return a pool that has no queue and runs the tasks its threads cannot take on the
	 * thread that submits them.
	 */
	ThreadPoolExecutor callerRuns(int threads) {
		return register(new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS, new SynchronousQueue<>(),
				new ThreadPoolExecutor.CallerRunsPolicy()));
	}

	/**
	 * Return a fork-join pool, whose workers (on Java 17) do not clear the interrupt flag
	 * between the tasks they run.
	 */
	ForkJoinPool forkJoin(int parallelism) {
		return register(new ForkJoinPool(parallelism));
	}

	private <E extends ExecutorService> E register(E pool) {
		this.pools.add(pool);
		return pool;
	}

	/**
	 * Wait until none of the threads of the given pool runs a task.
	 */
	static void awaitIdle(ExecutorService pool) {
		TestTasks.eventually()
			.untilAsserted(() -> assertThat(activeCount(pool)).as("busy threads of %s", pool).isZero());
	}

	private static int activeCount(ExecutorService pool) {
		if (pool instanceof ThreadPoolExecutor executor) {
			return executor.getActiveCount();
		}
		return ((ForkJoinPool) pool).getActiveThreadCount();
	}

	/**
	 * Check that every pool is idle, then shut them all down.
	 */
	@Override
	public void close() throws InterruptedException {
		try {
			this.pools.forEach(TestPools::awaitIdle);
		}
		finally {
			for (ExecutorService pool : this.pools) {
				pool.shutdownNow();
			}
			for (ExecutorService pool : this.pools) {
				pool.awaitTermination(10, TimeUnit.SECONDS);
			}
		}
	}

}
