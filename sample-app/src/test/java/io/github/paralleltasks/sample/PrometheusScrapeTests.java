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

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the Prometheus scrape of the running sample application.
 *
 * @author parallel-tasks authors
 */
// Prices take 30 s, so that the fatal error and the summary timeout always find a
// sibling to cancel, whatever the load of the machine. No order runs the slow history
// query here.
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.delays.customer=0ms", "sample.delays.prices=30s", "sample.delays.recommendations=0ms",
				"sample.history.slow-order-id=-1", "sample.summary-timeout=1s" })
@AutoConfigureTestRestTemplate
class PrometheusScrapeTests {

	private static final Pattern SAMPLE = Pattern.compile("^([a-z_:]+)\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);

	private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

	@Autowired
	private TestRestTemplate rest;

	@Test
	void prometheusScrapeHasToleratedErrorsWithTheirLabels() {
		assertThat(this.rest.getForEntity("/orders/504/summary", String.class).getStatusCode())
			.isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
		List<PrometheusSample> tolerated = scrape("parallel_tasks_tolerated_total");
		assertThat(tolerated).anySatisfy((sample) -> {
			assertThat(sample.labels()).containsEntry("batch", "order-summary")
				.containsEntry("task", "recommendations")
				.containsEntry("exception", RecommendationsTimeoutException.class.getName());
			assertThat(sample.value()).isGreaterThanOrEqualTo(1.0);
		});
	}

	@Test
	void prometheusScrapeHasFatalErrorsCancelledSiblingsAndLatencyHistograms() {
		assertThat(this.rest.getForEntity("/orders/404/summary", String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(scrape("parallel_tasks_fatal_total"))
			.anySatisfy((sample) -> assertThat(sample.labels()).containsEntry("task", "customer")
				.containsEntry("exception", OrderNotFoundException.class.getName()));
		assertThat(scrape("parallel_tasks_cancelled_total")).anySatisfy((sample) -> {
			assertThat(sample.labels()).containsEntry("batch", "order-summary").containsEntry("reason", "fatal");
			assertThat(sample.value()).isGreaterThanOrEqualTo(1.0);
		});
		assertThat(scrape("parallel_tasks_batch_seconds_bucket"))
			.anySatisfy((sample) -> assertThat(sample.labels()).containsEntry("outcome", "fatal").containsKey("le"));
		// The task that threw always has its timer; a sibling has one only if it had
		// started before the cancel reached it, which depends on the machine's load
		assertThat(scrape("parallel_tasks_task_seconds_bucket"))
			.anySatisfy((sample) -> assertThat(sample.labels()).containsEntry("task", "customer")
				.containsEntry("outcome", "fatal")
				.containsKey("le"));
		assertThat(scrape("parallel_tasks_active"))
			.anySatisfy((sample) -> assertThat(sample.labels()).containsEntry("batch", "order-summary"));
	}

	@Test
	void everyQueryOfTheGrafanaDashboardNamesAMetricThatTheSampleExports() throws Exception {
		assertThat(this.rest.getForEntity("/orders/42/summary", String.class).getStatusCode())
			.isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
		assertThat(this.rest.getForEntity("/orders/404/summary", String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(this.rest.getForEntity("/orders/504/summary", String.class).getStatusCode())
			.isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
		Set<String> exported = scrape().stream().map(PrometheusSample::name).collect(Collectors.toSet());
		JsonNode dashboard = new ObjectMapper().readTree(Path.of("grafana/parallel-tasks-dashboard.json").toFile());
		List<String> queries = dashboard.findValues("expr").stream().map(JsonNode::asText).toList();
		assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
		Pattern metric = Pattern.compile("parallel_tasks_[a-z_]+");
		Set<String> queried = new TreeSet<>();
		for (String query : queries) {
			Matcher matcher = metric.matcher(query);
			assertThat(matcher.find()).as("query names a parallel_tasks metric: %s", query).isTrue();
			do {
				queried.add(matcher.group());
			}
			while (matcher.find());
		}
		assertThat(queried).allSatisfy((name) -> assertThat(exported).as("metrics of the sample").contains(name));
		assertThat(queried).contains("parallel_tasks_tolerated_total", "parallel_tasks_fatal_total",
				"parallel_tasks_cancelled_total", "parallel_tasks_batch_seconds_bucket",
				"parallel_tasks_task_seconds_bucket", "parallel_tasks_active");
	}

	List<PrometheusSample> scrape(String metric) {
		return scrape().stream().filter((sample) -> sample.name().equals(metric)).toList();
	}

	List<PrometheusSample> scrape() {
		ResponseEntity<String> response = this.rest.getForEntity("/actuator/prometheus", String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return parse(response.getBody());
	}

	static List<PrometheusSample> parse(String scrape) {
		Matcher matcher = SAMPLE.matcher(scrape);
		List<PrometheusSample> samples = new java.util.ArrayList<>();
		while (matcher.find()) {
			Map<String, String> labels = new java.util.LinkedHashMap<>();
			Matcher label = LABEL.matcher(matcher.group(2));
			while (label.find()) {
				labels.put(label.group(1), label.group(2));
			}
			samples.add(new PrometheusSample(matcher.group(1), labels, Double.parseDouble(matcher.group(3))));
		}
		return samples;
	}

	record PrometheusSample(String name, Map<String, String> labels, double value) {
	}

}
