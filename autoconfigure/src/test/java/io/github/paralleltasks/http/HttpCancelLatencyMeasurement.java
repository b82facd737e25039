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

import java.util.ArrayList;
import java.util.List;

import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.http.CancelledSiblings.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures, per request factory and thread kind, the median time from a fatal error to
 * the server seeing a cancelled sibling's connection closed. Not run by the build: run it
 * with {@code -Dparallel-tasks.measure=true -Dtest=HttpCancelLatencyMeasurement}.
 *
 * @author parallel-tasks authors
 */
@EnabledIfSystemProperty(named = "parallel-tasks.measure", matches = "true")
class HttpCancelLatencyMeasurement {

	private static final int SAMPLES = 10;

	@Test
	void measure() throws Exception {
		List<String> rows = new ArrayList<>();
		boolean virtualThreads = Runtime.version().feature() >= 21;
		for (String factory : HttpClientFixtures.FACTORIES) {
			rows.add(measure(factory, false));
			if (virtualThreads) {
				rows.add(measure(factory, true));
			}
		}
		System.out.println("| Factory | Threads | Java | Median (ms) | Min (ms) | Max (ms) | Samples |");
		System.out.println("|---|---|---|---|---|---|---|");
		rows.forEach(System.out::println);
	}

	private String measure(String factory, boolean virtual) throws Exception {
		List<Double> millis = new ArrayList<>();
		try (SlowHttpServer server = new SlowHttpServer()) {
			HttpClientFixtures.contextRunner()
				.withPropertyValues(HttpClientFixtures.factoryProperty(factory),
						"spring.threads.virtual.enabled=" + virtual)
				.run((context) -> {
					RestClient client = context.getBean(RestClient.Builder.class).baseUrl(server.url()).build();
					ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
					for (int i = 0; i < SAMPLES; i++) {
						Outcome outcome = CancelledSiblings.invokeAll(template, server,
								() -> client.get().uri("/slow").retrieve().body(String.class));
						millis.addAll(CancelledSiblings.closeMillis(outcome).subList(2 * i, 2 * i + 2));
					}
				});
		}
		assertThat(millis).hasSize(2 * SAMPLES).doesNotContain(Double.NaN);
		List<Double> sorted = millis.stream().sorted().toList();
		double median = (sorted.get(SAMPLES - 1) + sorted.get(SAMPLES)) / 2;
		return String.format("| %s | %s | %d | %.1f | %.1f | %.1f | %d |", factory, virtual ? "virtual" : "platform",
				Runtime.version().feature(), median, sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
	}

}
