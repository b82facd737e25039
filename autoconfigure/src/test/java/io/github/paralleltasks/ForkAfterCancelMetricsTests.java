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

package io.github.paralleltasks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.paralleltasks.micrometer.ParallelTaskMetricNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests that tasks forked into an already-cancelled batch are counted as cancelled.
 *
 * @author parallel-tasks authors
 */
class ForkAfterCancelMetricsTests {

	private final ExecutorService executor = Executors.newFixedThreadPool(2);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final ParallelTaskTemplate template = ParallelTaskTemplate.builder(this.executor)
		.meterRegistry(this.registry)
		.build()
		.batch("late-forks");

	@AfterEach
	void shutdownExecutor() {
		this.executor.shutdownNow();
	}

	@Test
	void tasksForkedAfterFatalErrorAreCancelledAndCounted() {
		AtomicBoolean lateTaskRan = new AtomicBoolean();
		AtomicBoolean lateCallStarted = new AtomicBoolean();
		assertThatExceptionOfType(FatalTaskException.class).isThrownBy(() -> this.template.execute((scope) -> {
			scope.fork("failing", () -> {
				throw new Fatal();
			});
			await().until(scope::isCancelled);
			Subtask<Object> late = scope.fork("late", () -> lateTaskRan.getAndSet(true));
			Subtask<Object> lateAsync = scope.forkAsync("late-async", () -> {
				lateCallStarted.set(true);
				return CompletableFuture.completedFuture("never");
			});
			assertThat(late.state()).isEqualTo(Subtask.State.CANCELLED);
			assertThat(lateAsync.state()).isEqualTo(Subtask.State.CANCELLED);
			return scope.join();
		})).satisfies((ex) -> assertThat(ex.taskName()).isEqualTo("failing"));
		assertThat(lateTaskRan).isFalse();
		assertThat(lateCallStarted).isFalse();
		assertThat(this.registry.get(ParallelTaskMetricNames.CANCELLED)
			.tag(ParallelTaskMetricNames.BATCH_TAG, "late-forks")
			.tag(ParallelTaskMetricNames.REASON_TAG, "fatal")
			.counter()
			.count()).isEqualTo(2.0);
	}

	@FatalError
	static class Fatal extends RuntimeException {

	}

}
