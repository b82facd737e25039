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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLongArray;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * One run of the fatal-cancel scenario: siblings that block in {@code Thread.sleep} for
 * 10 s, and one task that throws a {@link BenchmarkFatalException} 1 ms after every
 * sibling is running, so that the batch is quiet (every sibling asleep, the caller
 * parked) when it throws. Each sibling records {@code System.nanoTime()} when it ends, in
 * a {@code finally} block; the failing task records it just before it throws.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public final class CancelRun {

	private final int siblings;

	private final CountDownLatch running;

	private final AtomicLongArray ends;

	private final CountDownLatch ended;

	private volatile long throwNanos;

	/**
	 * Create a run with the given number of siblings.
	 * @param siblings the number of blocked siblings
	 */
	public CancelRun(int siblings) {
		this.siblings = siblings;
		this.running = new CountDownLatch(siblings);
		this.ends = new AtomicLongArray(siblings);
		this.ended = new CountDownLatch(siblings);
	}

	/**
	 * Return the tasks of the run: the siblings, then the failing task.
	 * @return the tasks
	 */
	public List<Callable<Object>> tasks() {
		List<Callable<Object>> tasks = new ArrayList<>(this.siblings + 1);
		for (int i = 0; i < this.siblings; i++) {
			int index = i;
			tasks.add(() -> sibling(index));
		}
		tasks.add(this::fail);
		return tasks;
	}

	private Object sibling(int index) throws InterruptedException {
		try {
			this.running.countDown();
			Thread.sleep(10_000);
			return null;
		}
		finally {
			this.ends.set(index, System.nanoTime());
			this.ended.countDown();
		}
	}

	private Object fail() throws InterruptedException {
		this.running.await();
		Thread.sleep(1);
		this.throwNanos = System.nanoTime();
		throw new BenchmarkFatalException();
	}

	/**
	 * Wait until every sibling has ended, for a runner that does not wait for them
	 * itself.
	 * @throws InterruptedException if interrupted
	 */
	/**
	 * Return a platform pool with a thread for each task of a run with the given number
	 * of siblings, its threads started.
	 * @param siblings the number of siblings
	 * @param prefix the prefix of the threads' names
	 * @return the pool, initialized
	 */
	public static ThreadPoolTaskExecutor platformPool(int siblings, String prefix) {
		ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
		pool.setCorePoolSize(siblings + 1);
		pool.setMaxPoolSize(siblings + 1);
		pool.setThreadNamePrefix(prefix);
		pool.initialize();
		pool.getThreadPoolExecutor().prestartAllCoreThreads();
		return pool;
	}

	/**
	 * Run the tasks on the given executor and cancel them by hand, the reference for the
	 * platform pool: wait for the failing task's future, then cancel every future with
	 * {@code cancel(true)}, and wait for the siblings to end, as the template does before
	 * it throws.
	 * @param executor the executor
	 * @return the {@link System#nanoTime()} at which the caller is done
	 * @throws InterruptedException if interrupted
	 */
	public long cancelFuturesByHand(ExecutorService executor) throws InterruptedException {
		List<Future<Object>> futures = new ArrayList<>(this.siblings + 1);
		for (Callable<Object> task : tasks()) {
			futures.add(executor.submit(task));
		}
		try {
			futures.get(this.siblings).get();
		}
		catch (ExecutionException ex) {
			futures.forEach((future) -> future.cancel(true));
			awaitSiblingsEnded();
			return System.nanoTime();
		}
		throw new IllegalStateException("The batch did not fail");
	}

	public void awaitSiblingsEnded() throws InterruptedException {
		this.ended.await();
	}

	/**
	 * Return the time from the throw to the end of the last sibling, once the batch is
	 * over.
	 * @return the latency in nanoseconds
	 */
	public long siblingsEndedNanos() {
		long last = Long.MIN_VALUE;
		for (int i = 0; i < this.siblings; i++) {
			long end = this.ends.get(i);
			if (end == 0L) {
				throw new IllegalStateException("Sibling " + i + " has not ended");
			}
			last = Math.max(last, end);
		}
		return last - throwNanos();
	}

	/**
	 * Return the time from the throw to the given instant.
	 * @param nanos an instant of {@code System.nanoTime()}
	 * @return the latency in nanoseconds
	 */
	public long nanosSinceThrow(long nanos) {
		return nanos - throwNanos();
	}

	private long throwNanos() {
		long thrown = this.throwNanos;
		if (thrown == 0L) {
			throw new IllegalStateException("The failing task did not throw");
		}
		return thrown;
	}

}
