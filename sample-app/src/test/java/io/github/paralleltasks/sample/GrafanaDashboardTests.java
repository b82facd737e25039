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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of what the panels of the Grafana dashboard show: per-second rates labelled as
 * rates, counts per interval whose bars add up, and units that say what they count.
 *
 * @author parallel-tasks authors
 */
class GrafanaDashboardTests {

	/** A range function of PromQL, its argument and its range. */
	private static final Pattern RANGE_FUNCTION = Pattern
		.compile("\\b(rate|irate|increase|delta|idelta|deriv)\\(([^\\[]*)\\[([^\\]]+)\\]\\)");

	private static final Pattern RATE_UNIT = Pattern.compile("suffix: (batches|tasks|errors)/s");

	private static final Pattern COUNT_UNIT = Pattern.compile("suffix: (batches|tasks|errors)");

	private final List<Panel> panels = readPanels();

	@Test
	void ratesAreOverTheRateIntervalAndTheirUnitsSayWhatIsCountedPerSecond() {
		List<Panel> rates = this.panels.stream().filter((panel) -> panel.uses("rate")).toList();
		assertThat(rates).extracting(Panel::title)
			.contains("Batches / s", "Batches by outcome, per second", "Tasks by outcome, per second", "Fatal batches",
					"Partial batches", "Batch latency", "Task latency p95 by task");
		assertThat(rates).allSatisfy((panel) -> {
			assertThat(panel.ranges("rate")).as(panel.title()).containsOnly("$__rate_interval");
			if (panel.expressions().stream().allMatch((expr) -> expr.startsWith("histogram_quantile("))) {
				assertThat(panel.unit()).as(panel.title()).isEqualTo("s");
			}
			else if (panel.expressions().stream().allMatch((expr) -> expr.contains(")) / sum(rate("))) {
				assertThat(panel.unit()).as(panel.title()).isEqualTo("percentunit");
			}
			else {
				assertThat(panel.unit()).as(panel.title()).matches(RATE_UNIT);
			}
		});
	}

	@Test
	void countsAreIncreasesOverThePanelsOwnIntervalInStackedBarsThatAddUp() {
		List<Panel> counts = this.panels.stream().filter((panel) -> panel.uses("increase")).toList();
		assertThat(counts).extracting(Panel::title)
			.containsExactlyInAnyOrder("Tolerated errors by exception and task", "Fatal errors",
					"Cancelled siblings by reason");
		assertThat(counts).allSatisfy((panel) -> {
			// Windows of $__interval, the query's step, never overlap: with any longer
			// window each event is counted in several bars
			assertThat(panel.ranges("increase")).as(panel.title()).containsOnly("$__interval");
			assertThat(panel.json().path("interval").asString()).as(panel.title()).matches("\\d+[sm]");
			JsonNode custom = panel.defaults().path("custom");
			assertThat(custom.path("drawStyle").asString()).as(panel.title()).isEqualTo("bars");
			assertThat(custom.path("stacking").path("mode").asString()).as(panel.title()).isEqualTo("normal");
			assertThat(panel.defaults().path("decimals").asInt()).as(panel.title()).isZero();
			assertThat(panel.unit()).as(panel.title()).matches(COUNT_UNIT);
			assertThat(panel.legendCalculations()).as(panel.title()).contains("sum");
		});
	}

	@Test
	void noPanelLabelsBatchesOrTasksAsRequestsOrRatesAsPlainNumbers() {
		assertThat(this.panels).allSatisfy((panel) -> {
			assertThat(panel.unit()).as(panel.title()).isNotIn("reqps", "rps", "reqpm", "req/s");
			if (panel.uses("rate") || panel.uses("irate")) {
				assertThat(panel.unit()).as(panel.title()).isNotIn("short", "none", "");
			}
		});
	}

	@Test
	void gaugesAreShownAsTheyAreInWholeTasks() {
		List<Panel> gauges = this.panels.stream()
			.filter((panel) -> panel.expressions().stream().noneMatch((expr) -> RANGE_FUNCTION.matcher(expr).find()))
			.toList();
		assertThat(gauges).extracting(Panel::title).containsExactlyInAnyOrder("Tasks in flight", "Tasks in flight");
		assertThat(gauges).allSatisfy((panel) -> {
			assertThat(panel.expressions()).allMatch((expr) -> expr.contains("parallel_tasks_active"));
			assertThat(panel.unit()).as(panel.title()).doesNotEndWith("/s");
			assertThat(panel.defaults().path("decimals").asInt()).as(panel.title()).isZero();
		});
	}

	private static List<Panel> readPanels() {
		JsonNode dashboard = new ObjectMapper().readTree(Path.of("grafana/parallel-tasks-dashboard.json").toFile());
		List<Panel> panels = new ArrayList<>();
		JsonNode all = dashboard.path("panels");
		for (int i = 0; i < all.size(); i++) {
			if (!"row".equals(all.get(i).path("type").asString())) {
				panels.add(new Panel(all.get(i)));
			}
		}
		assertThat(panels).hasSizeGreaterThanOrEqualTo(10);
		return panels;
	}

	/**
	 * A panel of the dashboard, read from its JSON.
	 */
	record Panel(JsonNode json) {

		String title() {
			return this.json.path("title").asString();
		}

		JsonNode defaults() {
			return this.json.path("fieldConfig").path("defaults");
		}

		String unit() {
			return defaults().path("unit").asString();
		}

		List<String> expressions() {
			return this.json.findValues("expr").stream().map(JsonNode::asString).toList();
		}

		List<String> legendCalculations() {
			return texts(this.json.path("options").path("legend").path("calcs"));
		}

		boolean uses(String function) {
			return !ranges(function).isEmpty();
		}

		/**
		 * Return the range of each call of the given range function in the panel's
		 * queries.
		 */
		List<String> ranges(String function) {
			List<String> ranges = new ArrayList<>();
			for (String expr : expressions()) {
				Matcher matcher = RANGE_FUNCTION.matcher(expr);
				while (matcher.find()) {
					if (matcher.group(1).equals(function)) {
						ranges.add(matcher.group(3));
					}
				}
			}
			return ranges;
		}

		@Override
		public String toString() {
			return "panel '" + title() + "'";
		}

		private static List<String> texts(JsonNode array) {
			List<String> texts = new ArrayList<>();
			for (int i = 0; i < array.size(); i++) {
				texts.add(array.get(i).asString());
			}
			return texts;
		}

	}

}
