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

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import javax.sql.DataSource;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.paralleltasks.TaskTimeoutException;
import io.github.paralleltasks.jdbc.JdbcCancellation;
import io.github.paralleltasks.sample.OrderSummary.MissingPart;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the order summary over real HTTP, with the default latencies.
 *
 * @author parallel-tasks authors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
class OrderSummaryTests {

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private DataSource dataSource;

	@Test
	void summaryGathersEveryPart() {
		ResponseEntity<OrderSummary> response = this.rest.getForEntity("/orders/42/summary", OrderSummary.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		OrderSummary summary = response.getBody();
		assertThat(summary).isNotNull();
		assertThat(summary.orderId()).isEqualTo(42);
		assertThat(summary.customer()).isEqualTo(new Customer(1042, "Edsger Dijkstra", "bronze"));
		assertThat(summary.prices().total()).isEqualByComparingTo(new BigDecimal("66.80"));
		assertThat(summary.recommendations()).extracting(Recommendation::sku).containsExactly("SKU-43", "SKU-44");
		assertThat(summary.history()).containsExactly(new OrderEvent("PLACED", Instant.parse("2026-11-20T09:12:00Z")),
				new OrderEvent("PAID", Instant.parse("2026-11-20T09:12:41Z")),
				new OrderEvent("SHIPPED", Instant.parse("2026-11-21T14:03:00Z")));
		assertThat(summary.complete()).isTrue();
		assertThat(summary.missing()).isEmpty();
	}

	@Test
	void recommendationsTimeoutIsToleratedWithPartialSummary() {
		ResponseEntity<OrderSummary> response = this.rest.getForEntity("/orders/504/summary", OrderSummary.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		OrderSummary summary = response.getBody();
		assertThat(summary).isNotNull();
		assertThat(summary.customer()).isEqualTo(new Customer(1504, "Ada Lovelace", "gold"));
		assertThat(summary.prices()).isNotNull();
		assertThat(summary.recommendations()).isNull();
		assertThat(summary.history()).extracting(OrderEvent::status).containsExactly("PLACED", "PAID");
		assertThat(summary.complete()).isFalse();
		assertThat(summary.missing())
			.containsExactly(new MissingPart("recommendations", RecommendationsTimeoutException.class.getName(),
					"Recommendation engine did not answer in time for order 504"));
	}

	@Test
	void slowRecommendationsAreCancelledByTheirOwnTimeoutAndThePageIsServedWithoutThem() {
		long start = System.nanoTime();
		ResponseEntity<OrderSummary> response = this.rest.getForEntity("/orders/505/summary", OrderSummary.class);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		OrderSummary summary = response.getBody();
		assertThat(summary).isNotNull();
		assertThat(summary.customer()).isNotNull();
		assertThat(summary.prices()).isNotNull();
		assertThat(summary.history()).isNotNull();
		assertThat(summary.recommendations()).isNull();
		assertThat(summary.complete()).isFalse();
		assertThat(summary.missing()).containsExactly(new MissingPart("recommendations",
				TaskTimeoutException.class.getName(), "Task 'recommendations' did not end within PT0.5S"));
		// The engine would have taken 30 s: its call was interrupted, and the batch,
		// which
		// waits for the call's worker, returned long before
		assertThat(elapsed).isLessThan(Duration.ofSeconds(15));
		ResponseEntity<String> cancelled = this.rest
			.getForEntity("/actuator/metrics/parallel.tasks.cancelled?tag=reason:timeout", String.class);
		assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.OK);
		List<Double> counts = JsonPath.parse(cancelled.getBody())
			.read("$.measurements[?(@.statistic == 'COUNT')].value");
		assertThat(counts).singleElement().satisfies((count) -> assertThat(count).isGreaterThanOrEqualTo(1.0));
	}

	@Test
	void historyIsReadFromTheDatabase() {
		this.jdbc.update("INSERT INTO order_event (order_id, seq, status, at) VALUES (?, ?, ?, ?)", 7, 1, "PLACED",
				OffsetDateTime.parse("2026-11-30T10:00:00Z"));
		ResponseEntity<OrderSummary> response = this.rest.getForEntity("/orders/7/summary", OrderSummary.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody().history())
			.containsExactly(new OrderEvent("PLACED", Instant.parse("2026-11-30T10:00:00Z")));
		assertThat(JdbcCancellation.isWrapped(this.dataSource)).isTrue();
	}

	@Test
	void orderWithoutHistoryHasAnEmptyHistory() {
		ResponseEntity<OrderSummary> response = this.rest.getForEntity("/orders/8/summary", OrderSummary.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody().history()).isEmpty();
		assertThat(response.getBody().complete()).isTrue();
	}

	@Test
	void toleratedErrorIsCountedInActuatorMetricsWithExceptionAndTaskTags() {
		assertThat(this.rest.getForEntity("/orders/504/summary", OrderSummary.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		ResponseEntity<String> response = this.rest.getForEntity("/actuator/metrics/parallel.tasks.tolerated",
				String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		DocumentContext metric = JsonPath.parse(response.getBody());
		List<String> exceptions = metric.read("$.availableTags[?(@.tag == 'exception')].values[*]");
		List<String> tasks = metric.read("$.availableTags[?(@.tag == 'task')].values[*]");
		List<String> batches = metric.read("$.availableTags[?(@.tag == 'batch')].values[*]");
		List<Double> counts = metric.read("$.measurements[?(@.statistic == 'COUNT')].value");
		assertThat(exceptions).contains(RecommendationsTimeoutException.class.getName());
		assertThat(tasks).contains("recommendations");
		assertThat(batches).contains("order-summary");
		assertThat(counts).singleElement().satisfies((count) -> assertThat(count).isGreaterThanOrEqualTo(1.0));
	}

}
