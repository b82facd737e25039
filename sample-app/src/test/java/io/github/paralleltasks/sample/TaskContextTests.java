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
import java.util.concurrent.CompletableFuture;

import io.github.paralleltasks.ParallelTaskTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.Async;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the caller's MDC reaches the tasks and {@code @Async} calls of a batch in an
 * application that has nothing but the starter: its pom adds no context-propagation
 * library, the starter brings it.
 *
 * @author parallel-tasks authors
 */
@SpringBootTest
class TaskContextTests {

	@Autowired
	private ParallelTaskTemplate template;

	@Autowired
	private MdcReader reader;

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void callersMdcReachesTasksAndAsyncCallsAndIsGoneFromTheWorkersAfter() {
		MDC.put("requestId", "r-42");
		assertThat(this.template.invokeAll(List.of(() -> MDC.get("requestId"), () -> MDC.get("requestId"))).values())
			.containsExactly("r-42", "r-42");
		assertThat(this.template.<String>awaitAll(List.of(this.reader::requestId)).values()).containsExactly("r-42");
		MDC.clear();
		// The same workers, for a caller without an MDC
		assertThat(this.template.invokeAll(List.of(() -> String.valueOf(MDC.get("requestId")))).values())
			.containsExactly("null");
		assertThat(this.template.<String>awaitAll(List.of(this.reader::requestIdOrNone)).values())
			.containsExactly("none");
	}

	@TestConfiguration
	static class MdcReaderConfiguration {

		@Bean
		MdcReader mdcReader() {
			return new MdcReader();
		}

	}

	static class MdcReader {

		@Async
		public CompletableFuture<String> requestId() {
			return CompletableFuture.completedFuture(MDC.get("requestId"));
		}

		@Async
		public CompletableFuture<String> requestIdOrNone() {
			String requestId = MDC.get("requestId");
			return CompletableFuture.completedFuture((requestId != null) ? requestId : "none");
		}

	}

}
