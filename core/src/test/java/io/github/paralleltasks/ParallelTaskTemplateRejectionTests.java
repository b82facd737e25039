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

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.metrics.BatchOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.paralleltasks.TestTasks.sleeper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests of {@link ParallelTaskTemplate} on an executor that rejects tasks.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskTemplateRejectionTests {

	private final TestPools pools = new TestPools();

	private final RecordingParallelTaskMetrics metrics = new RecordingParallelTaskMetrics();

	private final AtomicInteger rejectedRuns = new AtomicInteger();

	@AfterEach
	void shutdownPools() throws InterruptedException {
		this.pools.close();
	}

	@Test
	void rejectedTaskIsAToleratedFailureOfThatTaskAndNoTaskIsLost() {
		ThreadPoolExecutor pool = this.pools.bounded(1, 1);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).metrics(this.metrics).build();
		List<Callable<String>> tasks = List.of(ParallelTask.named("running", () -> {
			// Holds the only thread until the third task was rejected
			TestTasks.eventually().until(() -> this.metrics.tolerated().size() == 1);
			return "running";
		}), ParallelTask.named("queued", () -> "queued"), ParallelTask.named("rejected", () -> {
			this.rejectedRuns.incrementAndGet();
			return "rejected";
		}));
		ParallelResult<String> result = template.invokeAll(tasks);
		assertThat(result.subtasks()).extracting(Subtask::state)
			.containsExactly(State.SUCCESS, State.SUCCESS, State.FAILED);
		assertThat(result.values()).containsExactly("running", "queued");
		assertThat(result.failures()).singleElement().satisfies((failure) -> {
			assertThat(failure.index()).isEqualTo(2);
			assertThat(failure.taskName()).isEqualTo("rejected");
			assertThat(failure.exception()).isInstanceOf(RejectedExecutionException.class);
		});
		assertThat(this.metrics.tolerated(null, "rejected", RejectedExecutionException.class)).isEqualTo(1);
		assertThat(this.metrics.batches(BatchOutcome.PARTIAL)).isEqualTo(1);
		assertThat(this.rejectedRuns).hasValue(0);
		// The pool counts a task as completed only after it has returned, a moment after
		// the batch may have returned
		TestTasks.eventually().until(() -> pool.getCompletedTaskCount() == 2);
		assertThat(pool.getTaskCount()).isEqualTo(2);
	}

	@Test
	void rejectedTaskIsFatalWhenRejectionIsConfiguredFatal() {
		ThreadPoolExecutor pool = this.pools.bounded(1, 1);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool)
			.fatalErrorPolicy(FatalErrorPolicy.of(List.of(RejectedExecutionException.class)))
			.metrics(this.metrics)
			.build();
		Collection<String> interrupted = new ConcurrentLinkedQueue<>();
		CountDownLatch started = new CountDownLatch(1);
		AtomicInteger queuedRuns = new AtomicInteger();
		List<Callable<?>> tasks = List.of(sleeper("sleeper", started, interrupted), queuedRuns::incrementAndGet,
				this.rejectedRuns::incrementAndGet);
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> template.invokeAll(tasks));
		assertThat(ex.getCause()).isInstanceOf(RejectedExecutionException.class);
		assertThat(ex.taskName()).isEqualTo("task-2");
		assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
			.containsExactly(State.CANCELLED, State.CANCELLED, State.FATAL);
		TestTasks.eventually().until(() -> pool.getCompletedTaskCount() == 2);
		assertThat(queuedRuns).hasValue(0);
		assertThat(this.rejectedRuns).hasValue(0);
		assertThat(this.metrics.fatal(RejectedExecutionException.class)).isEqualTo(1);
		TestPools.awaitIdle(pool);
	}

}
