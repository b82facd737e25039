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

package io.github.paralleltasks.context;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.paralleltasks.ParallelTaskTemplate;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ContextSnapshotPropagator}.
 *
 * @author parallel-tasks authors
 */
class ContextSnapshotPropagatorTests {

	private final ExecutorService pool = Executors.newSingleThreadExecutor();

	private final ParallelTaskTemplate template = ParallelTaskTemplate.builder(this.pool)
		.contextPropagator(new ContextSnapshotPropagator(
				new ContextRegistry().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor())))
		.build();

	@AfterEach
	void shutDownPool() throws InterruptedException {
		MDC.clear();
		this.pool.shutdownNow();
		assertThat(this.pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void everyTaskSeesTheCallersMdc() {
		MDC.put("requestId", "r-1");
		List<Callable<String>> tasks = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			tasks.add(() -> MDC.get("requestId"));
		}
		assertThat(this.template.invokeAll(tasks).values()).containsExactly("r-1", "r-1", "r-1", "r-1");
	}

	@Test
	void taskNeverSeesWhatAnotherCallerLeftOnThePooledThread() throws Exception {
		this.pool.submit(() -> MDC.put("requestId", "left-over")).get();
		MDC.put("user", "alice");
		List<Callable<String>> tasks = List.of(() -> MDC.get("user") + "/" + MDC.get("requestId"));
		assertThat(this.template.invokeAll(tasks).values()).containsExactly("alice/null");
	}

	@Test
	void pooledThreadGetsItsOwnContextBackWhenTheTaskEnds() throws Exception {
		MDC.put("requestId", "r-2");
		this.template.invokeAll(List.of(() -> MDC.get("requestId")));
		assertThat(this.pool.submit(() -> MDC.get("requestId")).get()).isNull();
	}

}
