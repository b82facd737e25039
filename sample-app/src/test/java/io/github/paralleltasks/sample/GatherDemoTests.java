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

import java.util.Map;

import io.github.paralleltasks.Subtask;
import io.github.paralleltasks.sample.GatherDemoReport.BatchEnd;
import io.github.paralleltasks.sample.GatherDemoReport.Event;
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
 * Tests of the gather demo over real HTTP, with tasks of 200 ms, 500 ms (fails) and 7 s.
 *
 * @author parallel-tasks authors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.gather-demo.short-task=200ms", "sample.gather-demo.failing-task=500ms",
				"sample.gather-demo.long-task=7s" })
@AutoConfigureTestRestTemplate
class GatherDemoTests {

	private static final long FAILING_TASK_MILLIS = 500;

	private static final long WIDE_MARGIN_MILLIS = 5000;

	@Autowired
	private TestRestTemplate rest;

	@Test
	void fatalErrorFailsTheBatchAtOnceAndInterruptsTheLongTask() {
		ResponseEntity<GatherDemoReport> response = this.rest.postForEntity("/demo/gather", null,
				GatherDemoReport.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		GatherDemoReport report = response.getBody();
		assertThat(report).isNotNull();
		assertThat(report.eventsOf("task 200ms")).extracting(Event::event).containsExactly("started", "finished");
		assertThat(report.eventsOf("task 200ms").get(1).atMillis()).isGreaterThanOrEqualTo(200);
		assertThat(report.eventsOf("task 500ms")).extracting(Event::event).containsExactly("started", "failed");
		assertThat(report.eventsOf("task 500ms").get(1).atMillis()).isGreaterThanOrEqualTo(FAILING_TASK_MILLIS);
		BatchEnd batch = report.batch();
		assertThat(batch.outcome()).isEqualTo("failed");
		assertThat(batch.failedTask()).isEqualTo("task 500ms");
		assertThat(batch.exception()).isEqualTo(GatherDemoException.class.getName());
		assertThat(batch.message()).isEqualTo("task 500ms failed");
		assertThat(batch.atMillis()).isBetween(FAILING_TASK_MILLIS, WIDE_MARGIN_MILLIS);
		assertThat(batch.tasks()).containsExactly(Map.entry("task 200ms", Subtask.State.SUCCESS),
				Map.entry("task 500ms", Subtask.State.FATAL), Map.entry("task 7s", Subtask.State.CANCELLED));
		// The 7 s task was interrupted when the batch failed, and so never finished
		assertThat(report.eventsOf("task 7s")).extracting(Event::event).containsExactly("started", "interrupted");
		assertThat(report.eventsOf("task 7s").get(1).atMillis()).isBetween(FAILING_TASK_MILLIS, WIDE_MARGIN_MILLIS);
		assertThat(report.events()).extracting(Event::line).noneMatch((line) -> line.contains("task 7s finished"));
	}

}
