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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;

import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.TestExceptions.FatalTestException;
import io.github.paralleltasks.TestExceptions.ToleratedTestException;
import io.github.paralleltasks.metrics.BatchOutcome;
import io.github.paralleltasks.metrics.CancelReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.github.paralleltasks.TestTasks.since;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests of {@link ParallelTaskTemplate#awaitAll}, which supervises the futures of
 * asynchronous calls.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskTemplateAwaitAllTests {

	private final TestPools pools = new TestPools();

	private final RecordingParallelTaskMetrics metrics = new RecordingParallelTaskMetrics();

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
	void completedFuturesGiveTheirValuesInCallOrder() {
		CompletableFuture<String> later = new CompletableFuture<>();
		List<AsyncCall<String>> calls = List.of(() -> later,
				() -> CompletableFuture.supplyAsync(() -> "async", this.pool), () -> {
					// Completes the first future after the later calls were made
					this.pool.execute(() -> later.complete("later"));
					return CompletableFuture.completedFuture("done");
				});
		ParallelResult<String> result = this.template.awaitAll(calls);
		assertThat(result.values()).containsExactly("later", "async", "done");
		assertThat(result.isComplete()).isTrue();
		assertThat(this.metrics.batches(BatchOutcome.SUCCESS)).isEqualTo(1);
	}

	@Test
	void fatalFailureOfAFutureCancelsTheOtherFuturesAtOnce() {
		CompletableFuture<String> first = new CompletableFuture<>();
		CompletableFuture<String> last = new CompletableFuture<>();
		FatalTestException fatal = new FatalTestException("declined");
		CountDownLatch lastCalled = new CountDownLatch(1);
		List<AsyncCall<String>> calls = List.of(() -> first,
				() -> CompletableFuture.runAsync(() -> awaitQuietly(lastCalled), this.pool).thenApply((done) -> {
					throw fatal;
				}), () -> {
					lastCalled.countDown();
					return last;
				});
		long start = System.nanoTime();
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> this.template.awaitAll(calls));
		assertThat(since(start)).isLessThan(TestTasks.FAST);
		assertThat(ex.getCause()).isSameAs(fatal);
		assertThat(ex.taskName()).isEqualTo("task-1");
		assertThat(first.isCancelled()).isTrue();
		assertThat(last.isCancelled()).isTrue();
		assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
			.containsExactly(State.CANCELLED, State.FATAL, State.CANCELLED);
		assertThat(this.metrics.cancelled(CancelReason.FATAL)).isEqualTo(2);
	}

	@Test
	void futureThatFailedFatallyBeforeItWasReturnedPreventsTheLaterCalls() {
		CompletableFuture<String> first = new CompletableFuture<>();
		List<AsyncCall<String>> calls = List.of(() -> first,
				() -> CompletableFuture.failedFuture(new CompletionException(new FatalTestException("at once"))),
				() -> {
					throw new AssertionError("Must not be called once the batch was cancelled");
				});
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> this.template.awaitAll(calls));
		assertThat(ex.getCause()).isInstanceOf(FatalTestException.class).hasMessage("at once");
		assertThat(first.isCancelled()).isTrue();
		assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
			.containsExactly(State.CANCELLED, State.FATAL, State.CANCELLED);
	}

	@Test
	void toleratedFailureOfAFutureIsRecordedAndTheOthersGoOn() {
		ToleratedTestException failure = new ToleratedTestException("not found");
		CompletableFuture<String> later = new CompletableFuture<>();
		List<AsyncCall<String>> calls = List.of(() -> CompletableFuture.supplyAsync(() -> {
			throw failure;
		}, this.pool), () -> later.completeAsync(() -> {
			// Completes only once its sibling's failure was tolerated
			TestTasks.eventually().until(() -> this.metrics.tolerated().size() == 1);
			return "after the failure";
		}, this.pool));
		ParallelResult<String> result = this.template.awaitAll(calls);
		assertThat(result.values()).containsExactly("after the failure");
		assertThat(result.failures()).containsExactly(new TaskFailure(0, "task-0", failure));
		assertThat(later.isCancelled()).isFalse();
		assertThat(this.metrics.batches(BatchOutcome.PARTIAL)).isEqualTo(1);
	}

	@Test
	void futureThatDoesNotCompleteWithinTheTimeoutIsCancelled() {
		CompletableFuture<String> never = new CompletableFuture<>();
		List<AsyncCall<String>> calls = List.of(() -> CompletableFuture.completedFuture("done"), () -> never);
		Duration timeout = Duration.ofMillis(100);
		ParallelTimeoutException ex = catchThrowableOfType(ParallelTimeoutException.class,
				() -> this.template.awaitAll(calls, timeout));
		assertThat(ex.getTimeout()).isEqualTo(timeout);
		assertThat(never.isCancelled()).isTrue();
		assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
			.containsExactly(State.SUCCESS, State.CANCELLED);
		assertThat(ex.getResult().values()).isEqualTo(List.of("done"));
	}

	@Test
	void futureCancelledByItsOwnerIsAToleratedFailure() {
		CompletableFuture<String> cancelled = new CompletableFuture<>();
		cancelled.cancel(false);
		ParallelResult<String> result = this.template
			.awaitAll(List.of(() -> cancelled, () -> CompletableFuture.completedFuture("b")));
		assertThat(result.values()).containsExactly("b");
		assertThat(result.subtask(0).state()).isEqualTo(State.FAILED);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			TestTasks.await(latch);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
