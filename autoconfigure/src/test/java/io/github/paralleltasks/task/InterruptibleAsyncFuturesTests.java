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
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

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
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link InterruptibleAsyncFuturesPostProcessor}, outside any batch.
 *
 * @author parallel-tasks authors
 */
class InterruptibleAsyncFuturesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TaskExecutionAutoConfiguration.class, ParallelTaskAutoConfiguration.class))
		.withUserConfiguration(AsyncConfiguration.class)
		.withPropertyValues("spring.task.execution.pool.core-size=1");

	@Test
	void cancelWithInterruptInterruptsTheThreadOfAnAsyncMethodWhenEnabled() {
		this.contextRunner.withPropertyValues("parallel-tasks.async.interruptible-futures=true").run((context) -> {
			Blocker blocker = context.getBean(Blocker.class);
			CompletableFuture<String> future = blocker.block("first");
			assertThat(blocker.awaitStarted()).isTrue();
			assertThat(future.cancel(true)).isTrue();
			await().atMost(Duration.ofSeconds(5)).until(() -> blocker.events().contains("first:interrupted"));
			assertThat(future).isCancelled();
		});
	}

	@Test
	void cancelKeepsAQueuedAsyncCallFromStartingWhenEnabled() {
		this.contextRunner.withPropertyValues("parallel-tasks.async.interruptible-futures=true").run((context) -> {
			Blocker blocker = context.getBean(Blocker.class);
			CompletableFuture<String> running = blocker.block("running");
			assertThat(blocker.awaitStarted()).isTrue();
			CompletableFuture<String> queued = blocker.block("queued");
			assertThat(queued.cancel(false)).isTrue();
			blocker.release("running");
			assertThat(running.get(5, TimeUnit.SECONDS)).isEqualTo("running");
			ThreadPoolTaskExecutor executor = context.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> executor.getActiveCount() == 0 && executor.getThreadPoolExecutor().getQueue().isEmpty());
			assertThat(blocker.events()).containsExactly("running:started", "running:finished");
		});
	}

	@Test
	void cancelDoesNotInterruptAnAsyncMethodByDefault() {
		this.contextRunner.run((context) -> {
			Blocker blocker = context.getBean(Blocker.class);
			CompletableFuture<String> future = blocker.block("first");
			assertThat(blocker.awaitStarted()).isTrue();
			assertThat(future.cancel(true)).isTrue();
			await().during(Duration.ofMillis(300))
				.atMost(Duration.ofSeconds(2))
				.until(() -> !blocker.events().contains("first:interrupted"));
			blocker.release("first");
			await().atMost(Duration.ofSeconds(5)).until(() -> blocker.events().contains("first:finished"));
			assertThat(blocker.events()).containsExactly("first:started", "first:finished");
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncConfiguration {

		@Bean
		Blocker blocker() {
			return new Blocker();
		}

	}

	static class Blocker {

		private final CountDownLatch started = new CountDownLatch(1);

		private final BlockingQueue<String> releases = new LinkedBlockingQueue<>();

		private final Queue<String> events = new ConcurrentLinkedQueue<>();

		public boolean awaitStarted() throws InterruptedException {
			return this.started.await(5, TimeUnit.SECONDS);
		}

		public void release(String name) {
			this.releases.add(name);
		}

		public Queue<String> events() {
			return this.events;
		}

		@Async
		public CompletableFuture<String> block(String name) {
			this.events.add(name + ":started");
			this.started.countDown();
			try {
				this.releases.take();
				this.events.add(name + ":finished");
			}
			catch (InterruptedException ex) {
				this.events.add(name + ":interrupted");
			}
			return CompletableFuture.completedFuture(name);
		}

	}

}
