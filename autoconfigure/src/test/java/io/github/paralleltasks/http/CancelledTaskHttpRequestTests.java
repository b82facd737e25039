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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.github.paralleltasks.autoconfigure.BootAutoConfigurations;
import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelTask;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.Subtask;
import io.github.paralleltasks.http.CancelledSiblings.Outcome;
import io.github.paralleltasks.http.HttpClientFixtures.AsyncCalls;
import io.github.paralleltasks.http.HttpClientFixtures.AsyncCallsConfiguration;
import io.github.paralleltasks.http.SlowHttpServer.SlowRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests of the HTTP requests of tasks that a fatal sibling cancels, on platform threads,
 * with every request factory that Spring Boot can pick and a real, slow HTTP server.
 *
 * @author parallel-tasks authors
 */
class CancelledTaskHttpRequestTests {

	private final ApplicationContextRunner contextRunner = HttpClientFixtures.contextRunner();

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
			RestClient client = context.getBean(RestClient.Builder.class).baseUrl(this.server.url()).build();
			Outcome outcome = CancelledSiblings.invokeAll(context.getBean(ParallelTaskTemplate.class), this.server,
					() -> client.get().uri("/slow").retrieve().body(String.class));
			CancelledSiblings.assertAborted(outcome);
			CancelledSiblings.assertPoolIdle(context);
		});
	}

	@ParameterizedTest
	@FieldSource("io.github.paralleltasks.http.HttpClientFixtures#FACTORIES")
	void redirectedRequestsOfCancelledSiblingsAreAborted(String factory) {
		this.contextRunner.withPropertyValues(HttpClientFixtures.factoryProperty(factory)).run((context) -> {
			CancelledSiblings.assertAborted(CancelledSiblings.invokeAllRedirected(context, this.server));
			CancelledSiblings.assertPoolIdle(context);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "simple", "http-components" })
	void restTemplateRequestsOfCancelledSiblingsAreAborted(String factory) {
		this.contextRunner.withPropertyValues(HttpClientFixtures.factoryProperty(factory)).run((context) -> {
			RestTemplate restTemplate = BootAutoConfigurations.restTemplate(context, this.server.url());
			Outcome outcome = CancelledSiblings.invokeAll(context.getBean(ParallelTaskTemplate.class), this.server,
					() -> restTemplate.getForObject("/slow", String.class));
			CancelledSiblings.assertAborted(outcome);
			CancelledSiblings.assertPoolIdle(context);
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
				CancelledSiblings.assertPoolIdle(context);
			});
	}

	@ParameterizedTest
	@FieldSource("io.github.paralleltasks.http.HttpClientFixtures#FACTORIES")
	void connectionOfARequestThatCompletedBeforeItsTaskWasCancelledIsReused(String factory) {
		this.contextRunner.withPropertyValues(HttpClientFixtures.factoryProperty(factory)).run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).baseUrl(this.server.url()).build();
			ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
			CountDownLatch completed = new CountDownLatch(1);
			Throwable thrown = org.assertj.core.api.Assertions
				.catchThrowable(() -> template.invokeAll(List.of(ParallelTask.named("fatal", () -> {
					completed.await();
					throw new CancelledSiblings.FatalHttpTestException();
				}), ParallelTask.named("caller", () -> {
					String body = client.get().uri("/fast").retrieve().body(String.class);
					completed.countDown();
					// Cancelled here, after its request completed
					new CountDownLatch(1).await();
					return body;
				}))));
			assertThat(thrown).isInstanceOf(FatalTaskException.class);
			assertThat(((FatalTaskException) thrown).getResult().subtask(1).state()).isEqualTo(Subtask.State.CANCELLED);
			assertThat(client.get().uri("/fast").retrieve().body(String.class)).isEqualTo("fast");
			assertThat(this.server.fastRequests()).isEqualTo(2);
			assertThat(this.server.closedConnections()).as("connections closed").isZero();
			if (!"jetty".equals(factory)) {
				assertThat(this.server.connections()).as("connections opened").isOne();
			}
			else {
				// Jetty releases a connection to its pool on one of its own threads,
				// after
				// the response was read: the next request may come first and open another
				assertThat(this.server.connections()).as("connections opened").isBetween(1, 2);
			}
		});
	}

	@Test
	void requestsAreNotAbortedWhenDisabled() {
		this.contextRunner
			.withPropertyValues(HttpClientFixtures.factoryProperty("simple"),
					"parallel-tasks.cancel.http.enabled=false")
			.run((context) -> {
				RestClient client = context.getBean(RestClient.Builder.class).baseUrl(this.server.url()).build();
				Outcome outcome = CancelledSiblings.invokeAll(context.getBean(ParallelTaskTemplate.class), this.server,
						() -> client.get().uri("/slow").retrieve().body(String.class));
				assertThat(outcome.exception()).isNotNull();
				assertThat(Duration.ofNanos(outcome.returnedNanos() - outcome.thrownNanos()))
					.as("time to return, after the grace period")
					.isGreaterThanOrEqualTo(CancelledSiblings.GRACE_PERIOD);
				assertThat(outcome.exception().getResult().subtask(1).state()).isEqualTo(Subtask.State.UNAVAILABLE);
				for (SlowRequest request : this.server.slowRequests()) {
					assertThat(request.awaitEnd(SlowHttpServer.HOLD.plusSeconds(2))).isTrue();
					assertThat(request.clientClosedNanos()).as("client closed at").isZero();
					assertThat(request.answeredNanos()).as("answered at").isNotZero();
				}
			});
	}

}
