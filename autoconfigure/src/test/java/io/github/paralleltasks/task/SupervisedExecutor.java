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

package io.github.paralleltasks.task;

import java.util.Arrays;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.ConcurrencyThrottleSupport;

/**
 * An executor that {@code @Async} calls run on in a test, seen from the test: how many
 * calls it runs at once, whether it holds back a call, and when it is idle.
 *
 * @author parallel-tasks authors
 */
abstract class SupervisedExecutor {

	/**
	 * A thread pool: calls beyond its core size wait in its queue.
	 */
	static SupervisedExecutor pool(ThreadPoolTaskExecutor executor) {
		return new Pool(executor);
	}

	/**
	 * A {@link SimpleAsyncTaskExecutor} with a concurrency limit: the caller of a call
	 * beyond the limit waits until a running call ends.
	 */
	static SupervisedExecutor throttled(SimpleAsyncTaskExecutor executor) {
		return new Throttled(executor);
	}

	/**
	 * Return how many calls the executor runs at once.
	 */
	abstract int capacity();

	/**
	 * Return whether the last call of the scenario waits for a thread.
	 */
	abstract boolean holdsBackLastCall(AsyncScenario scenario);

	/**
	 * Wait until no thread of the executor is busy with a call of the scenario.
	 * @param scenario the scenario
	 * @param calls how many calls the scenario handed to the executor
	 */
	abstract void awaitIdle(AsyncScenario scenario, int calls);

	/**
	 * Return whether the executor runs calls on threads that ran calls before.
	 */
	abstract boolean reusesThreads();

	private static final class Pool extends SupervisedExecutor {

		private final ThreadPoolTaskExecutor executor;

		Pool(ThreadPoolTaskExecutor executor) {
			this.executor = executor;
		}

		@Override
		int capacity() {
			return this.executor.getCorePoolSize();
		}

		@Override
		boolean holdsBackLastCall(AsyncScenario scenario) {
			return scenario.isLastCallSubmitted() && this.executor.getQueueSize() == 1;
		}

		@Override
		void awaitIdle(AsyncScenario scenario, int calls) {
			// Every call handed to the pool, including a prevented one, counts as
			// completed once its worker has run
			AsyncFixtures.waitUntil(() -> this.executor.getActiveCount() == 0
					&& this.executor.getThreadPoolExecutor().getCompletedTaskCount() >= calls);
		}

		@Override
		boolean reusesThreads() {
			return true;
		}

	}

	private static final class Throttled extends SupervisedExecutor {

		private final SimpleAsyncTaskExecutor executor;

		Throttled(SimpleAsyncTaskExecutor executor) {
			this.executor = executor;
		}

		@Override
		int capacity() {
			return this.executor.getConcurrencyLimit();
		}

		@Override
		boolean holdsBackLastCall(AsyncScenario scenario) {
			Thread caller = scenario.caller();
			return caller.getState() == Thread.State.WAITING && Arrays.stream(caller.getStackTrace())
				.anyMatch((frame) -> frame.getClassName().equals(ConcurrencyThrottleSupport.class.getName())
						&& frame.getMethodName().equals("beforeAccess"));
		}

		@Override
		void awaitIdle(AsyncScenario scenario, int calls) {
			AsyncFixtures.waitUntil(() -> scenario.threads().values().stream().noneMatch(Thread::isAlive));
		}

		@Override
		boolean reusesThreads() {
			return false;
		}

	}

}
