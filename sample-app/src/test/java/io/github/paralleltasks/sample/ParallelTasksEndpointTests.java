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

import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the {@code paralleltasks} actuator endpoint of the running sample application.
 *
 * @author parallel-tasks authors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
class ParallelTasksEndpointTests {

	@Autowired
	private TestRestTemplate rest;

	@Test
	void endpointShowsTotalsByOutcomeOverHttp() {
		assertThat(this.rest.getForEntity("/orders/42/summary", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.rest.getForEntity("/orders/504/summary", String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		ResponseEntity<String> response = this.rest.getForEntity("/actuator/paralleltasks", String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		DocumentContext json = JsonPath.parse(response.getBody());
		assertThat(json.read("$.inFlight", List.class)).isEmpty();
		Map<String, Number> batches = json.read("$.totals.batches");
		assertThat(batches.get("success").longValue()).isGreaterThanOrEqualTo(1);
		assertThat(batches.get("partial").longValue()).isGreaterThanOrEqualTo(1);
		Map<String, Number> tasks = json.read("$.totals.tasks");
		assertThat(tasks.get("failed").longValue()).isGreaterThanOrEqualTo(1);
		assertThat(json.read("$.since", String.class)).isNotBlank();
	}

}
