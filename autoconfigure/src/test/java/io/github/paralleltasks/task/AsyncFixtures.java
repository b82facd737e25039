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

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.TestExceptions.FatalTestException;
import io.github.paralleltasks.TestTasks.Probe;
import io.github.paralleltasks.autoconfigure.ParallelTaskAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shared fixtures of the tests of supervised {@code @Async} calls: the {@code @Async}
 * bean and helpers.
 *
 * @author parallel-tasks authors
 */
final class AsyncFixtures {

	/**
	 * Property that names the executor of every {@code @Async} method of
	 * {@link AsyncWork}; when it is not set, they run on the default executor, as with a
	 * plain {@code @Async}.
	 */
	static final String EXECUTOR_PROPERTY = "async-test.executor";

	/**
	 * How long blocking work would last if it were not interrupted.
	 */
	static final Duration BLOCKING_WORK = Duration.ofSeconds(30);

	/**
	 * Upper bound of every wait of the tests, never reached when they pass.
	 */
	static final Duration WAIT = Duration.ofSeconds(10);

	private AsyncFixtures() {
	}

	/**
	 * Return a runner of a context with Spring Boot's task execution, parallel-tasks and
	 * an {@code @EnableAsync} configuration with the {@link AsyncWork} bean.
	 */
	static ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(TaskExecutionAutoConfiguration.class, ParallelTaskAutoConfiguration.class))
			.withUserConfiguration(AsyncWorkConfiguration.class);
	}

	/**
	 * Wait, polling quickly, until the condition holds.
	 */
	static void waitUntil(Callable<Boolean> condition) {
		await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).until(condition);
	}

	/**
	 * Wait until the blocking calls block, then return the given future. A batch acts on
	 * its timeout once its calls have been started: waiting here makes sure that the
	 * timeout finds every call running, however slowly their threads start.
	 */
	static <T> T onceBlocking(AsyncScenario scenario, T future) {
		try {
			assertThat(scenario.awaitBlocking()).as("blocking calls are running").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return future;
	}

	/**
	 * Wait until the executor is idle, then check that no thread is busy and that none
	 * carries an interrupt into its next task.
	 */
	static void assertIdleAndNoInterruptCarried(ApplicationContext context, AsyncScenario scenario, int calls)
			throws Exception {
		SupervisedExecutor executor = SupervisedExecutor
			.pool(context.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class));
		executor.awaitIdle(scenario, calls);
		FatalErrorScenarios.assertNoThreadBusyAndNoInterruptCarried(context.getBean(AsyncWork.class), executor);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncWorkConfiguration {

		@Bean
		AsyncWork asyncWork() {
			return new AsyncWork();
		}

	}

	/**
	 * {@code @Async} methods that record what happens to them in a {@link AsyncScenario}.
	 * The qualifier of {@code @Async} is a placeholder, which Spring resolves, so that
	 * each test class can run them on its own executor.
	 */
	static class AsyncWork {

		private static final String EXECUTOR = "${" + EXECUTOR_PROPERTY + ":}";

		@Async(EXECUTOR)
		public CompletableFuture<String> sleep(AsyncScenario scenario, String name) {
			return CompletableFuture.completedFuture(sleepBody(scenario, name));
		}

		@Async(EXECUTOR)
		public Future<String> sleepReturningFuture(AsyncScenario scenario, String name) {
			return CompletableFuture.completedFuture(sleepBody(scenario, name));
		}

		@Async(EXECUTOR)
		public CompletableFuture<String> take(AsyncScenario scenario, String name) {
			return CompletableFuture.completedFuture(takeBody(scenario, name));
		}

		@Async(EXECUTOR)
		public Future<String> takeReturningFuture(AsyncScenario scenario, String name) {
			return CompletableFuture.completedFuture(takeBody(scenario, name));
		}

		@Async(EXECUTOR)
		public CompletableFuture<String> failFatally(AsyncScenario scenario, String name) {
			return CompletableFuture.completedFuture(failBody(scenario, name));
		}

		@Async(EXECUTOR)
		public Future<String> failFatallyReturningFuture(AsyncScenario scenario, String name) {
			return CompletableFuture.completedFuture(failBody(scenario, name));
		}

		@Async(EXECUTOR)
		public CompletableFuture<String> record(AsyncScenario scenario, String name) {
			scenario.enter(name);
			return CompletableFuture.completedFuture(name);
		}

		@Async(EXECUTOR)
		public Future<String> recordReturningFuture(AsyncScenario scenario, String name) {
			scenario.enter(name);
			return CompletableFuture.completedFuture(name);
		}

		@Async(EXECUTOR)
		public CompletableFuture<String> awaitRelease(AsyncScenario scenario, String name) {
			scenario.enter(name);
			scenario.blocking(name);
			try {
				if (scenario.awaitRelease()) {
					scenario.finished(name);
				}
			}
			catch (InterruptedException ex) {
				scenario.interrupted(name);
				Thread.currentThread().interrupt();
			}
			return CompletableFuture.completedFuture(name);
		}

		/**
		 * Spin, without ever blocking, until the batch is cancelled.
		 */
		@Async(EXECUTOR)
		public CompletableFuture<String> spinUntilCancelled(AsyncScenario scenario, String name) {
			scenario.enter(name);
			scenario.cancelledAtStart(ParallelTaskTemplate.isCancelled());
			scenario.blocking(name);
			long deadline = System.nanoTime() + BLOCKING_WORK.toNanos();
			while (!ParallelTaskTemplate.isCancelled()) {
				if (System.nanoTime() - deadline > 0) {
					scenario.finished(name);
					return CompletableFuture.completedFuture(name);
				}
				Thread.onSpinWait();
			}
			scenario.cancelSeen(name);
			return CompletableFuture.completedFuture(name);
		}

		/**
		 * Report the state of the thread that runs this call as it starts, once
		 * {@code allRunning} has been counted down by as many calls; fail if they did not
		 * all run at once.
		 */
		@Async(EXECUTOR)
		public CompletableFuture<Probe> probe(CountDownLatch allRunning) {
			Probe probe = Probe.ofCurrentThread();
			allRunning.countDown();
			boolean together;
			try {
				together = allRunning.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				together = false;
			}
			if (!together) {
				throw new IllegalStateException("Not every probe ran at once: a thread of the executor is busy");
			}
			return CompletableFuture.completedFuture(probe);
		}

		private static String sleepBody(AsyncScenario scenario, String name) {
			scenario.enter(name);
			scenario.blocking(name);
			try {
				Thread.sleep(BLOCKING_WORK.toMillis());
			}
			catch (InterruptedException ex) {
				return interrupted(scenario, name, ex);
			}
			scenario.finished(name);
			return name;
		}

		private static String takeBody(AsyncScenario scenario, String name) {
			scenario.enter(name);
			scenario.blocking(name);
			try {
				String taken = scenario.queue().take();
				scenario.finished(name);
				return taken;
			}
			catch (InterruptedException ex) {
				return interrupted(scenario, name, ex);
			}
		}

		private static String interrupted(AsyncScenario scenario, String name, InterruptedException ex) {
			scenario.interrupted(name);
			// Like well-behaved code, keep the interrupt status: the executor's thread
			// must
			// not carry it into its next task
			Thread.currentThread().interrupt();
			throw new IllegalStateException(name + " was interrupted", ex);
		}

		private static String failBody(AsyncScenario scenario, String name) {
			scenario.enter(name);
			scenario.awaitSiblingsBlockingAndLastCallHeldBack();
			scenario.fatalErrorThrown();
			throw new FatalTestException("Order is gone");
		}

	}

}
