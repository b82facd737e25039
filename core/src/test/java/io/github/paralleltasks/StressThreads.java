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

import java.util.Queue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Threads of the stress test's pools, which count every interrupt that another thread
 * aims at them, and a fixed {@link ThreadPoolExecutor} that checks that no worker comes
 * out of a task with its interrupt flag set.
 *
 * @author parallel-tasks authors
 */
final class StressThreads implements ThreadFactory {

	private final String prefix;

	private final AtomicInteger count = new AtomicInteger();

	private final AtomicLong interrupts;

	/**
	 * Create a factory of threads named after the given prefix.
	 * @param prefix the prefix of the threads' names
	 * @param interrupts the counter of interrupts aimed at the threads by other threads
	 */
	StressThreads(String prefix, AtomicLong interrupts) {
		this.prefix = prefix;
		this.interrupts = interrupts;
	}

	@Override
	public Thread newThread(Runnable runnable) {
		return new CountingThread(runnable, this.prefix + this.count.incrementAndGet(), this.interrupts);
	}

	/**
	 * Return a fixed pool of the given size whose workers report, after each task, an
	 * interrupt flag that the task left set. {@link ThreadPoolExecutor} clears a stray
	 * flag itself before it runs the next task, so that is the only place where a leaked
	 * interrupt can be seen.
	 * @param size the number of threads
	 * @param threads the factory of the threads
	 * @param violations where to report
	 * @return the pool
	 */
	static ThreadPoolExecutor fixedPool(int size, StressThreads threads, Queue<String> violations) {
		return new ThreadPoolExecutor(size, size, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), threads) {

			@Override
			protected void afterExecute(Runnable task, Throwable failure) {
				if (Thread.currentThread().isInterrupted()) {
					violations.add(Thread.currentThread().getName() + " left " + task + " with its interrupt flag set");
				}
				if (failure != null) {
					violations.add(task + " threw " + failure + " out of the executor");
				}
			}

		};
	}

	/**
	 * A thread that counts the interrupts that other threads aim at it: the only ones a
	 * pool thread gets in the stress test are those of a batch cancelling a running task.
	 */
	private static final class CountingThread extends Thread {

		private final AtomicLong interrupts;

		CountingThread(Runnable runnable, String name, AtomicLong interrupts) {
			super(runnable, name);
			this.interrupts = interrupts;
			setDaemon(true);
		}

		@Override
		public void interrupt() {
			if (Thread.currentThread() != this) {
				this.interrupts.incrementAndGet();
			}
			super.interrupt();
		}

	}

}
