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

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.paralleltasks.Subtask.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Tests of how {@link ParallelTaskTemplate} checks what it is given.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskTemplateArgumentTests {

	private final TestPools pools = new TestPools();

	private final RecordingParallelTaskMetrics metrics = new RecordingParallelTaskMetrics();

	private final AtomicInteger starts = new AtomicInteger();

	private ThreadPoolExecutor pool;

	private ParallelTaskTemplate template;

	@BeforeEach
	void createTemplate() {
		this.pool = this.pools.fixed(2);
		this.template = ParallelTaskTemplate.builder(this.pool).metrics(this.metrics).build();
	}

	@AfterEach
	void shutdownPools() throws InterruptedException {
		this.pools.close();
	}

	@Test
	void nullTaskListIsRejected() {
		assertThatNullPointerException().isThrownBy(() -> this.template.invokeAll(null))
			.withMessage("Tasks must not be null");
		assertThatNullPointerException().isThrownBy(() -> this.template.invokeAll(null, Duration.ofSeconds(1)))
			.withMessage("Tasks must not be null");
	}

	@Test
	void nullTaskIsRejectedWithItsIndexBeforeAnyTaskRuns() {
		List<Callable<Integer>> tasks = Arrays.asList(this.starts::incrementAndGet, this.starts::incrementAndGet, null);
		assertThatNullPointerException().isThrownBy(() -> this.template.invokeAll(tasks))
			.withMessage("Task at index 2 must not be null");
		assertThat(this.starts).hasValue(0);
		assertThat(this.pool.getTaskCount()).isZero();
	}

	@Test
	void timeoutThatIsNotPositiveIsRejected() {
		List<Callable<Integer>> tasks = List.of(this.starts::incrementAndGet);
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.invokeAll(tasks, Duration.ZERO))
			.withMessageContaining("Timeout must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.invokeAll(tasks, Duration.ofMillis(-1)))
			.withMessageContaining("Timeout must be positive");
		assertThatNullPointerException().isThrownBy(() -> this.template.invokeAll(tasks, null))
			.withMessage("Timeout must not be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.awaitAll(List.of(CompletableFuture::new), Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.execute(Duration.ZERO, (scope) -> "x"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ParallelTaskTemplate.builder(this.pool).defaultTimeout(Duration.ZERO));
		assertThat(this.starts).hasValue(0);
		assertThat(this.pool.getTaskCount()).isZero();
	}

	@Test
	void nullCallbackIsRejected() {
		assertThatNullPointerException().isThrownBy(() -> this.template.execute(null))
			.withMessage("Callback must not be null");
		assertThatNullPointerException().isThrownBy(() -> this.template.execute(Duration.ofSeconds(1), null))
			.withMessage("Callback must not be null");
	}

	@Test
	void nullCallListOrCallIsRejected() {
		assertThatNullPointerException().isThrownBy(() -> this.template.awaitAll(null))
			.withMessage("Calls must not be null");
		List<AsyncCall<String>> calls = Arrays.asList(() -> CompletableFuture.completedFuture("a"), null);
		assertThatNullPointerException().isThrownBy(() -> this.template.awaitAll(calls))
			.withMessage("Call at index 1 must not be null");
	}

	@Test
	void emptyTaskListReturnsAnEmptyResultWithoutUsingTheExecutor() {
		ParallelResult<String> result = this.template.invokeAll(List.of());
		assertThat(result.size()).isZero();
		assertThat(result.values()).isEmpty();
		assertThat(result.failures()).isEmpty();
		assertThat(result.subtasks()).isEmpty();
		assertThat(result.isComplete()).isTrue();
		assertThat(this.template.awaitAll(List.of()).size()).isZero();
		assertThat(this.template.invokeAll(List.of(), Duration.ofSeconds(1)).size()).isZero();
		assertThat(this.pool.getTaskCount()).isZero();
	}

	@Test
	void callThatReturnsNullIsAFailureOfThatCallWhichSaysSo() {
		List<AsyncCall<String>> calls = List.of(() -> CompletableFuture.completedFuture("a"), () -> null,
				() -> CompletableFuture.completedFuture("c"));
		ParallelResult<String> result = this.template.awaitAll(calls);
		assertThat(result.values()).containsExactly("a", "c");
		assertThat(result.failures()).singleElement().satisfies((failure) -> {
			assertThat(failure.index()).isEqualTo(1);
			assertThat(failure.taskName()).isEqualTo("task-1");
			assertThat(failure.exception()).isInstanceOf(NullPointerException.class)
				.hasMessageContaining("'task-1' returned null instead of a future");
		});
		assertThat(result.subtask(1).state()).isEqualTo(State.FAILED);
	}

	@Test
	void callThatThrowsIsAFailureOfThatCall() {
		IllegalStateException failure = new IllegalStateException("cannot start");
		List<AsyncCall<String>> calls = List.of(() -> {
			throw failure;
		}, () -> CompletableFuture.completedFuture("b"));
		ParallelResult<String> result = this.template.awaitAll(calls);
		assertThat(result.values()).containsExactly("b");
		assertThat(result.failures()).containsExactly(new TaskFailure(0, "task-0", failure));
		assertThat(this.metrics.tolerated(IllegalStateException.class)).isEqualTo(1);
	}

	@Test
	void batchNamedThroughTheOperationsInterfaceCarriesItsName() {
		ParallelTaskOperations operations = this.template;
		ParallelResult<String> result = operations.batch("checkout").invokeAll(List.of(() -> "a"));
		assertThat(result.values()).containsExactly("a");
		assertThat(this.metrics.batchEnds()).extracting(RecordingParallelTaskMetrics.BatchEnd::batchName)
			.containsExactly("checkout");
	}

	@Test
	void builderAndNamesRejectMissingValues() {
		assertThatNullPointerException().isThrownBy(() -> ParallelTaskTemplate.builder(null));
		assertThatNullPointerException().isThrownBy(() -> ParallelTaskTemplate.builder(this.pool).metrics(null));
		assertThatNullPointerException()
			.isThrownBy(() -> ParallelTaskTemplate.builder(this.pool).fatalErrorPolicy(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.batch(" "));
		assertThatNullPointerException().isThrownBy(() -> this.template.batch(null));
		assertThatIllegalArgumentException().isThrownBy(() -> ParallelTask.named("", () -> "x"));
		assertThatNullPointerException().isThrownBy(() -> ParallelTask.named("name", null))
			.withMessageContaining("'name'");
	}

}
