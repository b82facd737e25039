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
import java.util.Map;

import javax.sql.DataSource;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.paralleltasks.jdbc.JdbcCancellation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of the slow history query of order 404 when the starter does not cancel JDBC
 * statements: the interrupt alone does not stop an H2 query, over real HTTP.
 *
 * @author parallel-tasks authors
 */
// The slow query (7000² rows) runs for about 10 s on the 2-core build machine, and for
// longer than the customer's 200 ms and the 500 ms grace period on any machine.
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "parallel-tasks.cancel.jdbc.enabled=false", "parallel-tasks.cancel-grace-period=500ms",
				"sample.delays.customer=200ms", "sample.history.slow-order-id=404",
				"sample.history.slow-query-size=7000" })
@AutoConfigureTestRestTemplate
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(Lifecycle.PER_CLASS)
class OrderSummaryWithoutJdbcCancellationTests {

	private static final Duration CUSTOMER_DELAY = Duration.ofMillis(200);

	private static final Duration GRACE_PERIOD = Duration.ofMillis(500);

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private DataSource dataSource;

	@BeforeAll
	void warmUp() {
		assertThat(this.rest.getForEntity("/orders/42/summary", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void interruptAloneLetsTheHistoryQueryRunToItsEnd(CapturedOutput output) {
		long start = System.nanoTime();
		ResponseEntity<String> response = this.rest.getForEntity("/orders/404/summary", String.class);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		// The batch interrupted the history's thread, waited for it for the grace
		// period, and gave up on it
		assertThat(elapsed).isGreaterThanOrEqualTo(CUSTOMER_DELAY.plus(GRACE_PERIOD));
		DocumentContext problem = JsonPath.parse(response.getBody());
		// prices and recommendations (30 ms and 40 ms) are done before the customer fails
		assertThat(problem.read("$.tasks", Map.class)).containsExactly(Map.entry("customer", "FATAL"),
				Map.entry("prices", "SUCCESS"), Map.entry("recommendations", "SUCCESS"),
				Map.entry("history", "UNAVAILABLE"));
		assertThat(output).contains("Task 'history' of batch 'order-summary' was still running");
		// H2 runs the query on the interrupted thread, and never looks at the interrupt
		await().atMost(Duration.ofMinutes(3))
			.untilAsserted(() -> assertThat(output).contains("Slow query for order 404 ran to its end after ",
					"; thread interrupted meanwhile: true"));
		assertThat(output).doesNotContain("cancelled by the database").doesNotContain("57014");
	}

	@Test
	void dataSourceIsNotWrapped() {
		assertThat(JdbcCancellation.isWrapped(this.dataSource)).isFalse();
	}

}
