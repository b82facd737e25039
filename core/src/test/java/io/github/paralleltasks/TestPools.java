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
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real thread pools for a test, each of which must be idle when the test ends and is then
 * shut down. Their threads report a task that leaves its interrupt flag set (which
 * {@link ThreadPoolExecutor} would silently clear before the next task), and a task that
 * throws out of the executor: the test fails on either when the pools are closed.
 *
 * @author parallel-tasks authors
 */
final class TestPools implements AutoCloseable {

	private final List<ExecutorService> pools = new ArrayList<>();

	private final Queue<String> violations = new ConcurrentLinkedQueue<>();

	/**
	 * Return a pool of a fixed number of threads and an unbounded queue.
	 */
	ThreadPoolExecutor fixed(int threads) {
		return register(new CheckedPool(threads, new LinkedBlockingQueue<>(), new ThreadPoolExecutor.AbortPolicy(),
				this.violations));
	}

	/**
	 * Return a pool of a fixed number of threads whose bounded queue rejects, with an
	 * {@link ThreadPoolExecutor.AbortPolicy}, the tasks it cannot hold.
	 */
	ThreadPoolExecutor bounded(int threads, int queueCapacity) {
		return register(new CheckedPool(threads, new ArrayBlockingQueue<>(queueCapacity),
				new ThreadPoolExecutor.AbortPolicy(), this.violations));
	}

	/**
	 * Return a pool that has no queue and runs the tasks its threads cannot take on the
	 * thread that submits them.
	 */
	ThreadPoolExecutor callerRuns(int threads) {
		return register(new CheckedPool(threads, new SynchronousQueue<>(), new ThreadPoolExecutor.CallerRunsPolicy(),
				this.violations));
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
	 * Return what the threads of the pools reported so far: tasks that left their
	 * interrupt flag set, or threw out of the executor.
	 */
	List<String> violations() {
		return List.copyOf(this.violations);
	}

	/**
	 * Check that every pool is idle and that no thread reported a violation, then shut
	 * them all down.
	 */
	@Override
	public void close() throws InterruptedException {
		try {
			this.pools.forEach(TestPools::awaitIdle);
			assertThat(this.violations).as("what the pools' threads reported").isEmpty();
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

	/**
	 * A {@link ThreadPoolExecutor} of a fixed size whose workers report a task that
	 * leaves its interrupt flag set or throws, unless the pool itself interrupts them to
	 * stop.
	 */
	private static final class CheckedPool extends ThreadPoolExecutor {

		private final Queue<String> violations;

		private volatile boolean stopping;

		CheckedPool(int threads, BlockingQueue<Runnable> queue, RejectedExecutionHandler handler,
				Queue<String> violations) {
			super(threads, threads, 0L, TimeUnit.MILLISECONDS, queue, handler);
			this.violations = violations;
		}

		@Override
		protected void afterExecute(Runnable task, Throwable failure) {
			if (this.stopping) {
				return;
			}
			if (Thread.currentThread().isInterrupted()) {
				this.violations
					.add(Thread.currentThread().getName() + " left " + task + " with its interrupt flag set");
			}
			if (failure != null) {
				this.violations.add(task + " threw " + failure + " out of the executor");
			}
		}

		@Override
		public List<Runnable> shutdownNow() {
			this.stopping = true;
			return super.shutdownNow();
		}

	}

}
