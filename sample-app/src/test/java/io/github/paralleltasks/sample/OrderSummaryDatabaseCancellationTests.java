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

/**
 * Tests that the fatal error of order 404 cancels the slow query of its history in the
 * database, over real HTTP.
 *
 * @author parallel-tasks authors
 */
// The customer lookup fails after 500 ms, so that the slow query is running in H2 when
// the fatal error comes (a cancel that comes before the statement executes is not
// seen by the database). Uncancelled, the slow query (20000² rows) runs for more than a
// minute on the 2-core build machine.
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.delays.customer=500ms", "sample.history.slow-order-id=404",
				"sample.history.slow-query-size=20000" })
@AutoConfigureTestRestTemplate
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(Lifecycle.PER_CLASS)
class OrderSummaryDatabaseCancellationTests {

	private static final Duration CUSTOMER_DELAY = Duration.ofMillis(500);

	/**
	 * Far less than the minutes that the slow query takes, and less than the cancel grace
	 * period (5 s) after which a task still running is reported UNAVAILABLE.
	 */
	private static final Duration WIDE_MARGIN = Duration.ofSeconds(3);

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private DataSource dataSource;

	@BeforeAll
	void warmUp() {
		// Loads the classes of the web and JDBC paths, so that the timed request
		// measures the batch only
		assertThat(this.rest.getForEntity("/orders/42/summary", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void fatalErrorCancelsTheHistoryQueryInTheDatabase(CapturedOutput output) {
		long start = System.nanoTime();
		ResponseEntity<String> response = this.rest.getForEntity("/orders/404/summary", String.class);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(elapsed).isGreaterThanOrEqualTo(CUSTOMER_DELAY).isLessThan(CUSTOMER_DELAY.plus(WIDE_MARGIN));
		DocumentContext problem = JsonPath.parse(response.getBody());
		assertThat(problem.read("$.failedTask", String.class)).isEqualTo("customer");
		assertThat(problem.read("$.tasks", Map.class)).containsExactly(Map.entry("customer", "FATAL"),
				Map.entry("prices", "SUCCESS"), Map.entry("recommendations", "SUCCESS"),
				Map.entry("history", "CANCELLED"));
		// The part logs the database's answer before it rethrows it, and the batch waits
		// for the part to end before it answers
		assertThat(output).contains("Running the slow query for order 404 (20000² rows)")
			.contains("Query for order 404 was cancelled by the database after ")
			.contains(": Statement was canceled or the session timed out; SQL statement: SELECT COUNT(*) FROM "
					+ "SYSTEM_RANGE(1, 20000) a CROSS JOIN SYSTEM_RANGE(1, 20000) b")
			.contains("[SQLState 57014]")
			.doesNotContain("Slow query for order 404 ran to its end");
	}

	@Test
	void dataSourceIsWrappedByTheStarter() {
		assertThat(JdbcCancellation.isWrapped(this.dataSource)).isTrue();
	}

}
