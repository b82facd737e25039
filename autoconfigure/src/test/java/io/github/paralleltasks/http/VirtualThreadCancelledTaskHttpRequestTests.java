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

import java.lang.reflect.Method;

import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.http.CancelledSiblings.Outcome;
import io.github.paralleltasks.http.HttpClientFixtures.AsyncCalls;
import io.github.paralleltasks.http.HttpClientFixtures.AsyncCallsConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the HTTP requests of tasks that a fatal sibling cancels, on virtual threads,
 * with every request factory that Spring Boot can pick and a real, slow HTTP server.
 *
 * @author parallel-tasks authors
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadCancelledTaskHttpRequestTests {

	private final ApplicationContextRunner contextRunner = HttpClientFixtures.contextRunner()
		.withPropertyValues("spring.threads.virtual.enabled=true");

	private SlowHttpServer server;

	@BeforeEach
	void startServer() throws Exception {
		this.server = new SlowHttpServer();
	}

	@AfterEach
	void stopServer() throws Exception {
		this.server.close();
	}

	@ParameterizedTest
	@FieldSource("io.github.paralleltasks.http.HttpClientFixtures#FACTORIES")
	void restClientRequestsOfCancelledSiblingsAreAborted(String factory) {
		this.contextRunner.withPropertyValues(HttpClientFixtures.factoryProperty(factory)).run((context) -> {
			assertThat(context.getBean("applicationTaskExecutor")).isInstanceOf(SimpleAsyncTaskExecutor.class);
			RestClient client = context.getBean(RestClient.Builder.class).baseUrl(this.server.url()).build();
			Method isVirtual = Thread.class.getMethod("isVirtual");
			Outcome outcome = CancelledSiblings.invokeAll(context.getBean(ParallelTaskTemplate.class), this.server,
					() -> {
						assertThat(isVirtual.invoke(Thread.currentThread())).isEqualTo(true);
						return client.get().uri("/slow").retrieve().body(String.class);
					});
			CancelledSiblings.assertAborted(outcome);
		});
	}

	@ParameterizedTest
	@FieldSource("io.github.paralleltasks.http.HttpClientFixtures#FACTORIES")
	void redirectedRequestsOfCancelledSiblingsAreAborted(String factory) {
		this.contextRunner.withPropertyValues(HttpClientFixtures.factoryProperty(factory)).run((context) -> {
			CancelledSiblings.assertAborted(CancelledSiblings.invokeAllRedirected(context, this.server));
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "simple", "http-components", "jetty" })
	void requestsOfCancelledAsyncCallsAreAborted(String factory) {
		this.contextRunner.withPropertyValues(HttpClientFixtures.factoryProperty(factory))
			.withUserConfiguration(AsyncCallsConfiguration.class)
			.run((context) -> {
				AsyncCalls calls = context.getBean(AsyncCalls.class);
				String url = this.server.url();
				Outcome outcome = CancelledSiblings.awaitAll(context.getBean(ParallelTaskTemplate.class), this.server,
						() -> calls.slow(url), calls::failWhenArrived);
				CancelledSiblings.assertAborted(outcome);
			});
	}

}
