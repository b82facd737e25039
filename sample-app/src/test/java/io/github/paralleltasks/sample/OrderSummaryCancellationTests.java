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

package io.github.paralleltasks.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the order summary over real HTTP when two of its services take 30 seconds.
 *
 * @author parallel-tasks authors
 */
// The slow calls hold their worker threads until they end or are interrupted: the task
// pool is larger than by default, and pausing or closing this context, which waits for
// running tasks, gives up after one second instead of 30. No order runs the slow history
// query here (OrderSummaryDatabaseCancellationTests covers it): the history is a query of
// a millisecond.
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.delays.customer=0ms", "sample.delays.prices=30s", "sample.delays.recommendations=30s",
				"sample.history.slow-order-id=-1", "sample.summary-timeout=200ms",
				"spring.task.execution.pool.core-size=16", "spring.lifecycle.timeout-per-shutdown-phase=1s" })
@AutoConfigureTestRestTemplate
@TestInstance(Lifecycle.PER_CLASS)
class OrderSummaryCancellationTests {

	/**
	 * A tenth of how long the slow services take.
	 */
	private static final Duration WIDE_MARGIN = Duration.ofSeconds(3);

	@Autowired
	private TestRestTemplate rest;

	@BeforeAll
	void warmUp() {
		// The first request of a context pays for class loading and initialization;
		// the timed requests must measure the batch only. A cold first request may even
		// outlast the 200 ms summary timeout, so either answer is fine here.
		assertThat(this.rest.getForEntity("/orders/404/summary", String.class).getStatusCode())
			.isIn(HttpStatus.NOT_FOUND, HttpStatus.GATEWAY_TIMEOUT);
		assertThat(this.rest.getForEntity("/orders/42/summary", String.class).getStatusCode())
			.isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
	}

	@Test
	void missingOrderReturnsNotFoundWithoutWaitingForSlowSiblings() {
		double cancelledBefore = cancelledCount("fatal");
		long start = System.nanoTime();
		ResponseEntity<String> response = this.rest.getForEntity("/orders/404/summary", String.class);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(elapsed).isLessThan(WIDE_MARGIN);
		DocumentContext problem = JsonPath.parse(response.getBody());
		assertThat(problem.read("$.detail", String.class)).isEqualTo("Order 404 does not exist");
		assertThat(problem.read("$.failedTask", String.class)).isEqualTo("customer");
		Map<String, String> tasks = problem.read("$.tasks", Map.class);
		assertThat(tasks).containsKeys("customer", "prices", "recommendations", "history");
		assertThat(tasks).containsEntry("customer", "FATAL")
			.containsEntry("prices", "CANCELLED")
			.containsEntry("recommendations", "CANCELLED");
		// The history's query of a millisecond races the customer's fatal error, which
		// comes at once here: it ended first, or it was cancelled
		assertThat(tasks.get("history")).isIn("SUCCESS", "CANCELLED");
		double cancelledHistory = tasks.get("history").equals("CANCELLED") ? 1.0 : 0.0;
		assertThat(cancelledCount("fatal") - cancelledBefore).isEqualTo(2.0 + cancelledHistory);
	}

	@Test
	void slowPartsEndTheSummaryWithGatewayTimeoutAfterTheSummaryTimeout() {
		double cancelledBefore = cancelledCount("timeout");
		long start = System.nanoTime();
		ResponseEntity<String> response = this.rest.getForEntity("/orders/42/summary", String.class);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
		assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(200)).isLessThan(WIDE_MARGIN);
		DocumentContext problem = JsonPath.parse(response.getBody());
		Map<String, String> tasks = problem.read("$.tasks", Map.class);
		assertThat(tasks).containsOnlyKeys("customer", "prices", "recommendations", "history");
		assertThat(tasks).containsEntry("prices", "CANCELLED").containsEntry("recommendations", "CANCELLED");
		// The fast parts end well within the 200 ms, as a rule; on a loaded machine one
		// may still run when the timeout passes, and is then cancelled as well
		assertThat(tasks.get("customer")).isIn("SUCCESS", "CANCELLED");
		assertThat(tasks.get("history")).isIn("SUCCESS", "CANCELLED");
		double cancelledFastParts = Stream.of("customer", "history")
			.filter((task) -> tasks.get(task).equals("CANCELLED"))
			.count();
		assertThat(cancelledCount("timeout") - cancelledBefore).isEqualTo(2.0 + cancelledFastParts);
	}

	private double cancelledCount(String reason) {
		ResponseEntity<String> response = this.rest
			.getForEntity("/actuator/metrics/parallel.tasks.cancelled?tag=reason:" + reason, String.class);
		if (response.getStatusCode() == HttpStatus.NOT_FOUND) {
			// No task has been cancelled for that reason yet
			return 0.0;
		}
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		List<Double> counts = JsonPath.parse(response.getBody())
			.read("$.measurements[?(@.statistic == 'COUNT')].value");
		assertThat(counts).hasSize(1);
		return counts.get(0);
	}

}
