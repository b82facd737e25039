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

import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.paralleltasks.CancelRegistration;
import io.github.paralleltasks.FatalError;
import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.autoconfigure.ParallelTaskAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests of cancellation hooks registered by {@code @Async} methods that a batch
 * supervises, and of what a batch reports for such a call that does not stop.
 *
 * @author parallel-tasks authors
 */
class AsyncCancelHookTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TaskExecutionAutoConfiguration.class, ParallelTaskAutoConfiguration.class))
		.withUserConfiguration(HookedWorkConfiguration.class)
		.withPropertyValues("parallel-tasks.cancel-grace-period=300ms");

	@Test
	void hookRegisteredByAnAsyncMethodOfABatchRunsBeforeItsWorkerIsInterrupted() {
		this.contextRunner.run((context) -> {
			ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
			HookedWork work = context.getBean(HookedWork.class);
			Queue<String> events = new ConcurrentLinkedQueue<>();
			CountDownLatch started = new CountDownLatch(1);
			FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> template
				.awaitAll(List.of(() -> work.blockWithHook(events, started), () -> work.failAfter(started))));
			assertThat(ex.getResult().subtask(0).state()).isEqualTo(State.CANCELLED);
			assertThat(events).containsExactly("hook, interrupted=false", "interrupted");
			awaitIdle(context.getBean(ThreadPoolTaskExecutor.class));
		});
	}

	@Test
	void asyncCallStillRunningAfterTheGracePeriodIsUnavailableNotCancelled() {
		this.contextRunner.run((context) -> {
			ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
			HookedWork work = context.getBean(HookedWork.class);
			CountDownLatch started = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			try {
				FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> template
					.awaitAll(List.of(() -> work.ignoreInterrupts(started, release), () -> work.failAfter(started))));
				assertThat(ex.getResult().subtask(0).state()).isEqualTo(State.UNAVAILABLE);
				assertThat(ex.getResult().subtask(1).state()).isEqualTo(State.FATAL);
			}
			finally {
				release.countDown();
			}
			awaitIdle(context.getBean(ThreadPoolTaskExecutor.class));
		});
	}

	private static void awaitIdle(ThreadPoolTaskExecutor executor) {
		AsyncFixtures.waitUntil(() -> executor.getActiveCount() == 0);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class HookedWorkConfiguration {

		@Bean
		HookedWork hookedWork() {
			return new HookedWork();
		}

	}

	static class HookedWork {

		@Async
		public CompletableFuture<String> blockWithHook(Queue<String> events, CountDownLatch started) {
			Thread worker = Thread.currentThread();
			try (CancelRegistration registration = ParallelTaskTemplate
				.onCancel(() -> events.add("hook, interrupted=" + worker.isInterrupted()))) {
				started.countDown();
				Thread.sleep(AsyncFixtures.BLOCKING_WORK.toMillis());
				return CompletableFuture.completedFuture("not interrupted");
			}
			catch (InterruptedException ex) {
				events.add("interrupted");
				return CompletableFuture.failedFuture(ex);
			}
		}

		@Async
		public CompletableFuture<String> ignoreInterrupts(CountDownLatch started, CountDownLatch release) {
			started.countDown();
			boolean released = false;
			while (!released) {
				try {
					released = release.await(AsyncFixtures.WAIT.toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					// Ignored, as work that does not stop would
				}
			}
			return CompletableFuture.completedFuture("released");
		}

		@Async
		public CompletableFuture<String> failAfter(CountDownLatch started) {
			AsyncFixtures.waitUntil(() -> started.getCount() == 0);
			throw new HookTestException("boom");
		}

	}

	@FatalError
	static class HookTestException extends RuntimeException {

		HookTestException(String message) {
			super(message);
		}

	}

}
