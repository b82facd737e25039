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

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadPoolExecutor;

import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.TestExceptions.ToleratedTestException;
import io.github.paralleltasks.metrics.BatchOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests of tolerated failures and of successful batches in {@link ParallelTaskTemplate}.
 *
 * @author parallel-tasks authors
 */
@ExtendWith(OutputCaptureExtension.class)
class ParallelTaskTemplateToleratedErrorTests {

	private final TestPools pools = new TestPools();

	private final RecordingParallelTaskMetrics metrics = new RecordingParallelTaskMetrics();

	@AfterEach
	void shutdownPools() throws InterruptedException {
		this.pools.close();
	}

	@Test
	void toleratedFailureLetsTheOtherTasksGoOnAndReturnTheirValues() {
		ParallelTaskTemplate template = template(3);
		ToleratedTestException failure = new ToleratedTestException("no stock");
		List<Callable<String>> tasks = List.of(() -> "first", () -> {
			throw failure;
		}, () -> {
			// Goes on only once its sibling's failure was tolerated
			TestTasks.eventually().until(() -> toleratedCount() == 1);
			return "after the failure";
		});
		ParallelResult<String> result = template.invokeAll(tasks);
		assertThat(result.values()).containsExactly("first", "after the failure");
		assertThat(result.subtasks()).extracting(Subtask::state)
			.containsExactly(State.SUCCESS, State.FAILED, State.SUCCESS);
		assertThat(result.subtask(1).exception()).isSameAs(failure);
		assertThatIllegalStateException().isThrownBy(() -> result.subtask(1).get()).withCause(failure);
		assertThat(result.isComplete()).isFalse();
		assertThat(result.size()).isEqualTo(3);
	}

	@Test
	void failuresAreInSubmissionOrderWithIndexNameAndException() {
		ParallelTaskTemplate template = template(4);
		IllegalStateException pricesFailure = new IllegalStateException("no price");
		IOException stockFailure = new IOException("stock service down");
		List<Callable<String>> tasks = List.of(() -> "a", ParallelTask.named("prices", () -> {
			// Fails after the later task, so that the order cannot come from the clock
			TestTasks.eventually().until(() -> toleratedCount() == 1);
			throw pricesFailure;
		}), () -> "c", () -> {
			throw stockFailure;
		});
		ParallelResult<String> result = template.invokeAll(tasks);
		assertThat(result.failures()).containsExactly(new TaskFailure(1, "prices", pricesFailure),
				new TaskFailure(3, "task-3", stockFailure));
		assertThat(result.values()).containsExactly("a", "c");
		assertThat(result.subtask(1).name()).isEqualTo("prices");
		assertThat(result.subtask(3).name()).isEqualTo("task-3");
	}

	@Test
	void toleratedFailuresAreCountedByExceptionAndTaskName() {
		ParallelTaskTemplate template = template(3).batch("checkout");
		List<Callable<String>> tasks = List.of(ParallelTask.named("prices", () -> {
			throw new IllegalStateException("no price");
		}), () -> {
			throw new IOException("down");
		}, () -> {
			throw new IOException("down again");
		});
		ParallelResult<String> result = template.invokeAll(tasks);
		assertThat(result.failures()).hasSize(3);
		assertThat(result.values()).isEmpty();
		assertThat(this.metrics.tolerated("checkout", "prices", IllegalStateException.class)).isEqualTo(1);
		assertThat(this.metrics.tolerated("checkout", null, IOException.class)).isEqualTo(2);
		assertThat(this.metrics.fatal().size()).isZero();
		assertThat(this.metrics.cancelled()).isZero();
		assertThat(this.metrics.batches(BatchOutcome.PARTIAL)).isEqualTo(1);
	}

	@Test
	void toleratedFailureIsLoggedOnceAtWarnWithTaskBatchAndException(CapturedOutput output) {
		ParallelTaskTemplate template = template(2).batch("checkout");
		List<Callable<String>> tasks = List.of(ParallelTask.named("prices", () -> {
			throw new IllegalStateException("no price");
		}), () -> "stock");
		ParallelResult<String> result = template.invokeAll(tasks);
		assertThat(result.failures()).hasSize(1);
		String message = "Task 'prices' of batch 'checkout' failed with tolerated error "
				+ IllegalStateException.class.getName() + ": no price";
		assertThat(output.getAll().lines().filter((line) -> line.contains(message))).singleElement()
			.satisfies((line) -> assertThat(line).contains("WARN"));
		assertThat(output.getAll().split("failed with tolerated error", -1)).as("tolerated errors logged").hasSize(2);
	}

	@Test
	void batchWithAToleratedFailureIsTimedAsPartial() {
		ParallelTaskTemplate template = template(2);
		template.invokeAll(List.of(() -> "ok", () -> {
			throw new ToleratedTestException("tolerated");
		}));
		assertThat(this.metrics.batches(BatchOutcome.PARTIAL)).isEqualTo(1);
		assertThat(this.metrics.batches(BatchOutcome.SUCCESS)).isZero();
		assertThat(this.metrics.batchEnds()).singleElement().satisfies((end) -> {
			assertThat(end.batchName()).isNull();
			assertThat(end.error()).isNull();
		});
	}

	@Test
	void batchWhereEveryTaskSucceedsReturnsValuesInSubmissionOrderAndIsTimedAsSuccess() {
		ParallelTaskTemplate template = template(3);
		List<Callable<Integer>> tasks = List.of(() -> {
			// Ends last, yet comes first
			TestTasks.eventually()
				.until(() -> template.getExecutor() instanceof ThreadPoolExecutor pool
						&& pool.getCompletedTaskCount() == 2);
			return 1;
		}, () -> 2, () -> null);
		ParallelResult<Integer> result = template.invokeAll(tasks);
		assertThat(result.values()).containsExactly(1, 2, null);
		assertThat(result.isComplete()).isTrue();
		assertThat(result.failures()).isEmpty();
		assertThat(result.subtasks()).extracting(Subtask::index).containsExactly(0, 1, 2);
		assertThat(this.metrics.batches(BatchOutcome.SUCCESS)).isEqualTo(1);
		assertThat(this.metrics.batches(BatchOutcome.PARTIAL)).isZero();
		assertThat(this.metrics.tolerated().size()).isZero();
	}

	@Test
	void resultIsReadOnly() {
		ParallelResult<String> result = template(1).invokeAll(List.of(() -> "a"));
		assertThat(result.values()).isUnmodifiable();
		assertThat(result.failures()).isUnmodifiable();
		List<Subtask<String>> subtasks = result.subtasks();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> subtasks.remove(0));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> subtasks.set(0, subtasks.get(0)));
		assertThat(subtasks).hasSize(1);
	}

	private double toleratedCount() {
		return this.metrics.tolerated().size();
	}

	private ParallelTaskTemplate template(int threads) {
		return ParallelTaskTemplate.builder(this.pools.fixed(threads)).metrics(this.metrics).build();
	}

}
