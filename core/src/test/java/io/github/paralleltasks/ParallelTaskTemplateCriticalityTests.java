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
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;

import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.TestExceptions.FatalTestException;
import io.github.paralleltasks.TestExceptions.ToleratedTestException;
import io.github.paralleltasks.metrics.BatchOutcome;
import io.github.paralleltasks.metrics.CancelReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.paralleltasks.TestTasks.sleeper;
import static io.github.paralleltasks.TestTasks.throwingAfter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for the {@link Criticality} of tasks and calls: critical ones are fatal whatever
 * they throw, optional ones never (but for a {@link VirtualMachineError}), and both are
 * cancelled, not failed, when a sibling cancels them.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskTemplateCriticalityTests {

	private final TestPools pools = new TestPools();

	private final RecordingParallelTaskMetrics metrics = new RecordingParallelTaskMetrics();

	private final Collection<String> interrupted = new ConcurrentLinkedQueue<>();

	@AfterEach
	void shutdownPools() throws InterruptedException {
		this.pools.close();
	}

	private ParallelTaskTemplate template(int threads) {
		return ParallelTaskTemplate.builder(this.pools.fixed(threads)).metrics(this.metrics).build();
	}

	@Test
	void criticalTaskThatThrowsAToleratedTypeCancelsItsSiblings() {
		CountDownLatch started = new CountDownLatch(1);
		ToleratedTestException down = new ToleratedTestException("catalog down");
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class,
				() -> template(2).invokeAll(List.of(ParallelTask.critical("catalog", throwingAfter(started, down)),
						ParallelTask.named("reviews", sleeper("reviews", started, this.interrupted)))));
		assertThat(ex.taskName()).isEqualTo("catalog");
		assertThat(ex.getCause()).isSameAs(down);
		assertThat(ex.getResult().subtasks()).extracting(Subtask::state).containsExactly(State.FATAL, State.CANCELLED);
		assertThat(this.interrupted).containsExactly("reviews");
		assertThat(this.metrics.fatal(null, "catalog", ToleratedTestException.class)).isEqualTo(1);
		assertThat(this.metrics.cancelled(CancelReason.FATAL)).isEqualTo(1);
	}

	@Test
	void optionalTaskThatThrowsAnAnnotatedFatalTypeIsTolerated() {
		FatalTestException notFound = new FatalTestException("no reviews");
		ParallelResult<String> result = template(2)
			.invokeAll(List.of(ParallelTask.named("catalog", () -> "catalog"), ParallelTask.optional("reviews", () -> {
				throw notFound;
			})));
		assertThat(result.values()).containsExactly("catalog");
		assertThat(result.failures()).containsExactly(new TaskFailure(1, "reviews", notFound));
		assertThat(this.metrics.tolerated(FatalTestException.class)).isEqualTo(1);
		assertThat(this.metrics.outcomes()).containsExactly(BatchOutcome.PARTIAL);
	}

	@Test
	void optionalTaskThatThrowsAVirtualMachineErrorIsStillFatal() {
		OutOfMemoryError error = new OutOfMemoryError("test");
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class,
				() -> template(2).invokeAll(List.of(ParallelTask.optional("reviews", () -> {
					throw error;
				}))));
		assertThat(ex.getCause()).isSameAs(error);
	}

	@Test
	void criticalTaskCancelledByASiblingsFatalErrorIsCancelledNotFatal() {
		CountDownLatch started = new CountDownLatch(1);
		FatalTestException fatal = new FatalTestException("order gone");
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class,
				() -> template(2)
					.invokeAll(List.of(ParallelTask.critical("catalog", sleeper("catalog", started, this.interrupted)),
							ParallelTask.named("order", throwingAfter(started, fatal)))));
		assertThat(ex.taskName()).isEqualTo("order");
		assertThat(ex.getSuppressed()).isEmpty();
		assertThat(ex.getResult().subtasks()).extracting(Subtask::state).containsExactly(State.CANCELLED, State.FATAL);
		assertThat(this.interrupted).containsExactly("catalog");
		assertThat(this.metrics.fatal()).hasSize(1);
	}

	@Test
	void namedCallsCarryTheirNamesAndCriticalityInAwaitAll() {
		ParallelTaskTemplate template = template(2);
		IOException unreachable = new IOException("recommendations unreachable");
		ParallelResult<String> result = template
			.awaitAll(List.of(ParallelCall.critical("catalog", () -> CompletableFuture.completedFuture("catalog")),
					ParallelCall.optional("reviews",
							() -> CompletableFuture.failedFuture(new FatalTestException("gone"))),
					ParallelCall.named("recommendations", () -> {
						// A checked exception thrown while the call starts is its failure
						throw unreachable;
					})));
		assertThat(result.values()).containsExactly("catalog");
		assertThat(result.failures()).extracting(TaskFailure::taskName).containsExactly("reviews", "recommendations");
		assertThat(result.subtask(2).exception()).isSameAs(unreachable);
		assertThat(this.metrics.tolerated(null, "reviews", FatalTestException.class)).isEqualTo(1);
		assertThat(this.metrics.tolerated(null, "recommendations", IOException.class)).isEqualTo(1);
	}

	@Test
	void criticalCallThatFailsIsFatalInAScope() {
		ParallelTaskTemplate template = template(2);
		ToleratedTestException down = new ToleratedTestException("catalog down");
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> template.execute((scope) -> {
			scope.forkAsync(ParallelCall.critical("catalog", () -> CompletableFuture.failedFuture(down)));
			scope.fork(() -> "prices");
			return scope.join();
		}));
		assertThat(ex.taskName()).isEqualTo("catalog");
		assertThat(ex.getCause()).isSameAs(down);
	}

	@Test
	void scopeCallbackMayThrowACheckedExceptionWhichReachesTheCallerOnceTheTasksEnded() {
		ThreadPoolExecutor pool = this.pools.fixed(2);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).metrics(this.metrics).build();
		CountDownLatch started = new CountDownLatch(1);
		IOException failure = new IOException("cannot render");
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> template.execute((scope) -> {
			scope.fork("slow", sleeper("slow", started, this.interrupted));
			TestTasks.await(started);
			throw failure;
		})).isSameAs(failure);
		assertThat(this.interrupted).containsExactly("slow");
		assertThat(this.metrics.outcomes()).containsExactly(BatchOutcome.CANCELLED);
		assertThat(this.metrics.cancelled(CancelReason.CLOSED)).isEqualTo(1);
	}

	@Test
	void criticalAndOptionalTasksNeedAName() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> ParallelTask.critical(" ", () -> "x"))
			.withMessage("Name must not be blank");
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> ParallelCall.optional("reviews", null))
			.withMessage("Call 'reviews' must not be null");
		assertThat(ParallelTask.critical("catalog", () -> "x").getCriticality()).isEqualTo(Criticality.CRITICAL);
		assertThat(ParallelCall.named("reviews", () -> null)).hasToString("ParallelCall 'reviews'");
	}

}
