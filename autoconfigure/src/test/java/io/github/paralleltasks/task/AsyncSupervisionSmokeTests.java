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
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.paralleltasks.FatalError;
import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.autoconfigure.ParallelTaskAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Smoke test of supervised {@code @Async} calls.
 *
 * @author parallel-tasks authors
 */
class AsyncSupervisionSmokeTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TaskExecutionAutoConfiguration.class, ParallelTaskAutoConfiguration.class))
		.withUserConfiguration(AsyncConfiguration.class);

	@Test
	void fatalErrorInterruptsAsyncSibling() {
		this.contextRunner.run((context) -> {
			ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
			Service service = context.getBean(Service.class);
			long start = System.nanoTime();
			List<Supplier<CompletableFuture<String>>> calls = List.of(() -> service.sleep("slow"),
					() -> service.failWhenSiblingRuns());
			assertThatExceptionOfType(FatalTaskException.class).isThrownBy(() -> template.awaitAll(calls));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			assertThat(service.events()).containsExactly("slow:interrupted");
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncConfiguration {

		@Bean
		Service service() {
			return new Service();
		}

	}

	static class Service {

		final CountDownLatch running = new CountDownLatch(1);

		final Queue<String> events = new ConcurrentLinkedQueue<>();

		public Queue<String> events() {
			return this.events;
		}

		@Async
		public CompletableFuture<String> sleep(String name) {
			this.running.countDown();
			try {
				Thread.sleep(TimeUnit.SECONDS.toMillis(30));
				this.events.add(name + ":finished");
			}
			catch (InterruptedException ex) {
				this.events.add(name + ":interrupted");
			}
			return CompletableFuture.completedFuture(name);
		}

		@Async
		public CompletableFuture<String> failWhenSiblingRuns() {
			try {
				this.running.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			throw new Gone();
		}

	}

	@FatalError
	static class Gone extends RuntimeException {

	}

}
