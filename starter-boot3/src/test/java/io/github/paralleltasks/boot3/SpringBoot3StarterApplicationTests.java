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

package io.github.paralleltasks.boot3;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.paralleltasks.micrometer.MicrometerParallelTaskMetrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.core.SpringVersion;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the starter in a running Spring Boot 3.5 web application with actuator and
 * Prometheus, over HTTP, as its users run it.
 *
 * @author parallel-tasks authors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=prometheus,paralleltasks",
				"management.endpoint.paralleltasks.access=read-only",
				"parallel-tasks.fatal-exceptions=io.github.paralleltasks.boot3.CheckoutWork$CardDeclinedException",
				"spring.task.execution.thread-name-prefix=checkout-" })
@AutoConfigureObservability
class SpringBoot3StarterApplicationTests {

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private CheckoutWork work;

	@Autowired
	private ApplicationContext context;

	@BeforeEach
	void resetWork() {
		this.work.reset();
	}

	@Test
	void runsOnSpringBoot3AndSpringFramework6() {
		assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
		assertThat(SpringVersion.getVersion()).startsWith("6.2.");
		assertThat(this.context.getBean(MicrometerParallelTaskMetrics.class)).isNotNull();
	}

	@Test
	void toleratedErrorGivesThePartialResultAndIsCountedInPrometheus() {
		ResponseEntity<Map> response = this.rest.getForEntity("/checkout/7", Map.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).containsEntry("customer", "customer-7")
			.containsEntry("stock", "reserved")
			.containsEntry("payment", "paid")
			.containsEntry("recommendations", List.of())
			.containsEntry("missing", List.of("recommendations"));
		String scrape = scrape();
		assertThat(scrape).containsPattern("parallel_tasks_tolerated_total\\{[^}]*batch=\"checkout\"[^}]*"
				+ "exception=\"java.lang.IllegalStateException\"[^}]*task=\"recommendations\"[^}]*\\} [1-9]");
		assertThat(scrape).containsPattern("parallel_tasks_batch_seconds_count\\{[^}]*batch=\"checkout\"[^}]*"
				+ "outcome=\"partial\"[^}]*\\} [1-9]");
		assertThat(scrape).containsPattern(
				"parallel_tasks_task_seconds_count\\{[^}]*batch=\"checkout\"[^}]*" + "task=\"stock\"[^}]*\\} [1-9]");
	}

	@Test
	void annotatedFatalErrorInterruptsTheRunningTaskAndAsyncCallBeforeTheResponse() {
		long start = System.nanoTime();
		ResponseEntity<String> response = this.rest.getForEntity("/checkout/404", String.class);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getBody()).isEqualTo("customer: order 404 does not exist");
		// Both siblings sleep for a minute unless interrupted, and the batch returns only
		// once every task in it has ended: the interrupts are recorded before the
		// response
		assertThat(this.work.interrupted()).containsExactlyInAnyOrder("stock", "payment");
		assertThat(elapsed).isLessThan(Duration.ofSeconds(30));
		assertThat(scrape()).containsPattern("parallel_tasks_fatal_total\\{[^}]*"
				+ "exception=\"io.github.paralleltasks.boot3.CheckoutWork\\$OrderNotFoundException\"[^}]*"
				+ "task=\"customer\"[^}]*\\} [1-9]");
	}

	@Test
	void exceptionListedInTheFatalExceptionsPropertyCancelsTheBatch() {
		ResponseEntity<String> response = this.rest.getForEntity("/checkout/402", String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.PAYMENT_REQUIRED);
		assertThat(response.getBody()).isEqualTo("payment: card of order 402 declined");
		assertThat(this.work.interrupted()).containsExactly("stock");
		assertThat(scrape()).containsPattern(
				"parallel_tasks_cancelled_total\\{[^}]*batch=\"checkout\"[^}]*reason=\"fatal\"[^}]*\\} [1-9]");
	}

	@Test
	void endpointShowsTheTotalsOfTheBatches() throws Exception {
		assertThat(this.rest.getForEntity("/checkout/404", String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		ResponseEntity<String> response = this.rest.getForEntity("/actuator/paralleltasks", String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode endpoint = new ObjectMapper().readTree(response.getBody());
		assertThat(endpoint.get("inFlight").isArray()).isTrue();
		assertThat(endpoint.at("/totals/batches/fatal").asLong()).isGreaterThanOrEqualTo(1);
	}

	private String scrape() {
		ResponseEntity<String> response = this.rest.getForEntity("/actuator/prometheus", String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

}
