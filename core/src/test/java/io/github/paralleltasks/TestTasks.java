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

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * Tasks and waits shared by the tests of parallel tasks; the public ones by the tests of
 * every package.
 *
 * @author parallel-tasks authors
 */
public final class TestTasks {

	/**
	 * How long a sibling works when nothing stops it: far longer than any batch of these
	 * tests may take.
	 */
	public static final Duration LONG_WORK = Duration.ofSeconds(20);

	/**
	 * How long a test waits for something that should happen at once before it fails.
	 */
	static final Duration WAIT = Duration.ofSeconds(10);

	/**
	 * The most a cancelled batch may take in these tests: a quarter of
	 * {@link #LONG_WORK}.
	 */
	static final Duration FAST = Duration.ofSeconds(5);

	/**
	 * A timeout long enough for the tasks of a batch to start on a busy machine, and
	 * short enough to keep the tests fast.
	 */
	static final Duration SHORT_TIMEOUT = Duration.ofSeconds(1);

	private TestTasks() {
	}

	/**
	 * Return a task that tells it started, then sleeps for {@link #LONG_WORK} and, when
	 * interrupted, records its name and throws the {@link InterruptedException}.
	 * @param name the name to record, which the task returns if it is not interrupted
	 * @param started the latch to count down when the task starts
	 * @param interrupted where to record the name when the task is interrupted
	 * @return the task
	 */
	public static Callable<String> sleeper(String name, CountDownLatch started, Collection<String> interrupted) {
		return () -> {
			started.countDown();
			try {
				Thread.sleep(LONG_WORK.toMillis());
			}
			catch (InterruptedException ex) {
				interrupted.add(name);
				throw ex;
			}
			return name;
		};
	}

	/**
	 * Return a task that tells it started, then waits on an empty queue and, when
	 * interrupted, records its name and throws the {@link InterruptedException}.
	 */
	static Callable<String> taker(String name, CountDownLatch started, Collection<String> interrupted) {
		return () -> {
			started.countDown();
			try {
				return new LinkedBlockingQueue<String>().take();
			}
			catch (InterruptedException ex) {
				interrupted.add(name);
				throw ex;
			}
		};
	}

	/**
	 * Return a task that waits for the given latch, then throws the given exception.
	 */
	static <T> Callable<T> throwingAfter(CountDownLatch latch, Throwable exception) {
		return () -> {
			await(latch);
			throw TestTasks.<RuntimeException>sneakyThrow(exception);
		};
	}

	/**
	 * Return a task that waits until the given condition holds, then throws the given
	 * exception.
	 */
	static <T> Callable<T> throwingWhen(BooleanSupplier condition, Throwable exception) {
		return () -> {
			eventually().until(condition::getAsBoolean);
			throw TestTasks.<RuntimeException>sneakyThrow(exception);
		};
	}

	/**
	 * Wait for the given latch, at most for {@link #WAIT}.
	 */
	static void await(CountDownLatch latch) throws InterruptedException {
		if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("Latch was not counted down within " + WAIT);
		}
	}

	/**
	 * Wait for the given latch, at most for {@link #WAIT}, where no checked exception may
	 * be thrown (in a scope's callback, for instance): an interrupt is kept in the
	 * thread's flag and fails the wait.
	 */
	static void awaitUnchecked(CountDownLatch latch) {
		try {
			await(latch);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a latch", ex);
		}
	}

	/**
	 * Return an Awaitility condition factory that polls often, for at most {@link #WAIT}.
	 */
	static ConditionFactory eventually() {
		return Awaitility.await()
			.atMost(WAIT)
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(5))
			.pollInSameThread();
	}

	/**
	 * Return the time elapsed since the given reading of {@link System#nanoTime()}.
	 */
	static Duration since(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

	/**
	 * Throw the given exception, checked or not, without declaring it.
	 */
	@SuppressWarnings("unchecked")
	static <E extends Throwable> RuntimeException sneakyThrow(Throwable exception) throws E {
		throw (E) exception;
	}

	/**
	 * What a task saw of the thread that ran it.
	 *
	 * @param thread the thread
	 * @param interrupted whether its interrupt flag was set
	 * @param cancelled whether the thread saw a cancelled batch
	 */
	public record Probe(Thread thread, boolean interrupted, boolean cancelled) {

		/**
		 * Return what the current thread shows now.
		 * @return the probe
		 */
		public static Probe ofCurrentThread() {
			Thread thread = Thread.currentThread();
			return new Probe(thread, thread.isInterrupted(), ParallelTaskTemplate.isCancelled());
		}

	}

}
