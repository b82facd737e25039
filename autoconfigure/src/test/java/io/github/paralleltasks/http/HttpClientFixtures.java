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
package io.github.paralleltasks.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.paralleltasks.autoconfigure.BootAutoConfigurations;
import io.github.paralleltasks.autoconfigure.ParallelTaskAutoConfiguration;
import io.github.paralleltasks.autoconfigure.ParallelTaskHttpClientAutoConfiguration;
import io.github.paralleltasks.http.CancelledSiblings.FatalHttpTestException;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.web.client.RestClient;

/**
 * Shared fixtures of the tests of HTTP requests in cancelled tasks.
 *
 * @author parallel-tasks authors
 */
final class HttpClientFixtures {

	/**
	 * Every request factory that Spring Boot can pick, by the value of
	 * {@link BootAutoConfigurations#HTTP_CLIENT_FACTORY_PROPERTY}.
	 */
	static final String[] FACTORIES = { "jdk", "simple", "http-components", "jetty", "reactor" };

	private HttpClientFixtures() {
	}

	/**
	 * Return a runner of a context with Spring Boot's HTTP client, RestClient,
	 * RestTemplate and task execution auto-configurations and parallel-tasks, with a
	 * cancel grace period of {@link CancelledSiblings#GRACE_PERIOD}.
	 */
	static ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner().withConfiguration(BootAutoConfigurations.HTTP_CLIENTS)
			.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class,
					ParallelTaskAutoConfiguration.class, ParallelTaskHttpClientAutoConfiguration.class))
			.withPropertyValues(
					"parallel-tasks.cancel-grace-period=" + CancelledSiblings.GRACE_PERIOD.toMillis() + "ms");
	}

	static String factoryProperty(String factory) {
		return BootAutoConfigurations.HTTP_CLIENT_FACTORY_PROPERTY + "=" + factory;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncCallsConfiguration {

		@Bean
		AsyncCalls asyncCalls(RestClient.Builder builder) {
			return new AsyncCalls(builder.build());
		}

	}

	/**
	 * {@code @Async} methods that call the {@link SlowHttpServer}, or fail.
	 */
	static class AsyncCalls {

		private final RestClient client;

		AsyncCalls(RestClient client) {
			this.client = client;
		}

		@Async
		public CompletableFuture<String> slow(String url) {
			return CompletableFuture
				.completedFuture(this.client.get().uri(url + "/slow").retrieve().body(String.class));
		}

		@Async
		public CompletableFuture<String> failWhenArrived(CountDownLatch arrived, AtomicLong thrown) {
			try {
				if (!arrived.await(10, TimeUnit.SECONDS)) {
					throw new IllegalStateException("The siblings' requests did not reach the server");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			thrown.set(System.nanoTime());
			throw new FatalHttpTestException();
		}

	}

}
