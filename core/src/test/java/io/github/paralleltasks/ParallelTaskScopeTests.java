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
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.TestExceptions.FatalTestException;
import io.github.paralleltasks.metrics.BatchOutcome;
import io.github.paralleltasks.metrics.CancelReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.github.paralleltasks.TestTasks.await;
import static io.github.paralleltasks.TestTasks.sleeper;
import static io.github.paralleltasks.TestTasks.throwingAfter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests of {@link ParallelTaskTemplate#execute} and its {@link ParallelTaskScope}.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskScopeTests {

	private final TestPools pools = new TestPools();

	private final RecordingParallelTaskMetrics metrics = new RecordingParallelTaskMetrics();

	private final Collection<String> interrupted = new ConcurrentLinkedQueue<>();

	private final CountDownLatch started = new CountDownLatch(1);

	private final AtomicReference<Subtask<String>> sleeping = new AtomicReference<>();

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
	void forkedTasksOfDifferentTypesAreReadableAfterJoin() {
		String summary = this.template.execute((scope) -> {
			Subtask<String> name = scope.fork(() -> "widget");
			Subtask<Integer> stock = scope.fork("stock", () -> 42);
			Subtask<Double> price = scope.fork(ParallelTask.named("price", () -> 9.5));
			Subtask<String> async = scope.forkAsync("async", () -> CompletableFuture.completedFuture("a"));
			ParallelResult<Object> result = scope.join();
			assertThat(result.values()).containsExactly("widget", 42, 9.5, "a");
			assertThat(List.of(name.name(), stock.name(), price.name(), async.name())).containsExactly("task-0",
					"stock", "price", "async");
			assertThat(List.of(name.index(), stock.index(), price.index(), async.index())).containsExactly(0, 1, 2, 3);
			return name.get() + ":" + stock.get() + ":" + price.get() + ":" + async.get();
		});
		assertThat(summary).isEqualTo("widget:42:9.5:a");
		assertThat(this.metrics.batches(BatchOutcome.SUCCESS)).isEqualTo(1);
	}

	@Test
	void forkOrJoinAfterJoinIsRejected() {
		this.template.execute((scope) -> {
			scope.fork(() -> "a");
			scope.join();
			assertThatIllegalStateException().isThrownBy(() -> scope.fork(() -> "b"))
				.withMessageContaining("already joined");
			assertThatIllegalStateException().isThrownBy(scope::join).withMessageContaining("already joined");
			return null;
		});
		assertThat(this.pool.getTaskCount()).isOne();
	}

	@Test
	void scopeIsUsableOnlyOnTheThreadThatOpenedIt() throws Exception {
		AtomicInteger starts = new AtomicInteger();
		List<Throwable> fromOtherThread = this.template.execute((scope) -> {
			Subtask<Integer> own = scope.fork(starts::incrementAndGet);
			CompletableFuture<Throwable> fork = CompletableFuture
				.supplyAsync(() -> catchThrowable(() -> scope.fork(starts::incrementAndGet)));
			CompletableFuture<Throwable> join = CompletableFuture.supplyAsync(() -> catchThrowable(scope::join));
			List<Throwable> thrown = List.of(fork.join(), join.join());
			scope.join();
			assertThat(own.get()).isOne();
			return thrown;
		});
		assertThat(fromOtherThread).allSatisfy((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("is not the owner"));
		assertThat(starts).hasValue(1);
	}

	@Test
	void callbackThatReturnsWithoutJoinCancelsUnfinishedForksAndWaitsForThem() {
		String returned = this.template.execute((scope) -> {
			this.sleeping.set(scope.fork(sleeper("sleeper", this.started, this.interrupted)));
			awaitStarted();
			return "early";
		});
		assertThat(returned).isEqualTo("early");
		// Already ended when execute returned, not just interrupted
		assertThat(this.sleeping.get().state()).isEqualTo(State.CANCELLED);
		assertThat(this.interrupted).containsExactly("sleeper");
		assertThat(this.metrics.cancelled(CancelReason.CLOSED)).isEqualTo(1);
		assertThat(this.metrics.batches(BatchOutcome.CANCELLED)).isEqualTo(1);
		assertThat(Thread.interrupted()).as("caller's interrupt flag").isFalse();
		TestPools.awaitIdle(this.pool);
	}

	@Test
	void callbackThatThrowsCancelsForksAndRethrows() {
		IllegalArgumentException failure = new IllegalArgumentException("bad order");
		Throwable thrown = catchThrowable(() -> this.template.execute((scope) -> {
			this.sleeping.set(scope.fork(sleeper("sleeper", this.started, this.interrupted)));
			awaitStarted();
			throw failure;
		}));
		assertThat(thrown).isSameAs(failure);
		assertThat(this.sleeping.get().state()).isEqualTo(State.CANCELLED);
		assertThat(this.interrupted).containsExactly("sleeper");
		TestPools.awaitIdle(this.pool);
	}

	@Test
	void callbackThatThrowsACheckedExceptionSneakilyCancelsForksAndRethrows() {
		IOException failure = new IOException("sneaky");
		Throwable thrown = catchThrowable(() -> this.template.execute((scope) -> {
			this.sleeping.set(scope.fork(sleeper("sleeper", this.started, this.interrupted)));
			awaitStarted();
			throw TestTasks.<RuntimeException>sneakyThrow(failure);
		}));
		assertThat(thrown).isSameAs(failure);
		assertThat(this.sleeping.get().state()).isEqualTo(State.CANCELLED);
		assertThat(this.interrupted).containsExactly("sleeper");
		TestPools.awaitIdle(this.pool);
	}

	@Test
	void fatalErrorInAForkMakesJoinThrowAndCancelsTheOtherForks() {
		FatalTestException fatal = new FatalTestException("boom");
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> this.template.execute((scope) -> {
			this.sleeping.set(scope.fork(sleeper("sleeper", this.started, this.interrupted)));
			scope.fork("payment", throwingAfter(this.started, fatal));
			// The scope learns of the fatal error before anyone joins it
			TestTasks.eventually().until(scope::isCancelled);
			return scope.join();
		}));
		assertThat(ex.getCause()).isSameAs(fatal);
		assertThat(ex.taskName()).isEqualTo("payment");
		assertThat(this.sleeping.get().state()).isEqualTo(State.CANCELLED);
		assertThat(this.interrupted).containsExactly("sleeper");
		assertThat(this.metrics.batches(BatchOutcome.FATAL)).isEqualTo(1);
		TestPools.awaitIdle(this.pool);
	}

	@Test
	void taskAndCallForkedAfterTheScopeWasCancelledNeverStartAndAreCountedForTheirBatch() {
		AtomicInteger starts = new AtomicInteger();
		AtomicBoolean lateCallStarted = new AtomicBoolean();
		AtomicReference<Subtask<Integer>> late = new AtomicReference<>();
		AtomicReference<Subtask<Object>> lateAsync = new AtomicReference<>();
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class,
				() -> this.template.batch("late-forks").execute((scope) -> {
					scope.fork("failing", throwingAfter(new CountDownLatch(0), new FatalTestException("boom")));
					TestTasks.eventually().until(scope::isCancelled);
					late.set(scope.fork(starts::incrementAndGet));
					lateAsync.set(scope.forkAsync("late-async", () -> {
						lateCallStarted.set(true);
						return CompletableFuture.completedFuture("never");
					}));
					return scope.join();
				}));
		assertThat(ex.taskName()).isEqualTo("failing");
		assertThat(late.get().state()).isEqualTo(State.CANCELLED);
		assertThat(lateAsync.get().state()).isEqualTo(State.CANCELLED);
		TestTasks.eventually().until(() -> this.pool.getCompletedTaskCount() == 1);
		assertThat(this.pool.getTaskCount()).as("tasks handed to the pool").isEqualTo(1);
		assertThat(starts).hasValue(0);
		assertThat(lateCallStarted).isFalse();
		assertThat(this.metrics.cancelled("late-forks", CancelReason.FATAL)).isEqualTo(2);
	}

	@Test
	void scopeLeftWithoutJoinStillReportsAFatalErrorThatHappened() {
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> this.template.execute((scope) -> {
			scope.fork("failing", throwingAfter(new CountDownLatch(0), new FatalTestException("boom")));
			TestTasks.eventually().until(scope::isCancelled);
			return "left without join";
		}));
		assertThat(ex.taskName()).isEqualTo("failing");
		assertThat(this.metrics.outcomes()).containsExactly(BatchOutcome.FATAL);
	}

	@Test
	void scopeCallbackThatThrowsCarriesAFatalErrorThatHappenedAsSuppressed() {
		FatalTestException fatal = new FatalTestException("boom");
		IllegalArgumentException failure = new IllegalArgumentException("callback failed");
		Throwable thrown = catchThrowable(() -> this.template.execute((scope) -> {
			scope.fork("failing", throwingAfter(new CountDownLatch(0), fatal));
			TestTasks.eventually().until(scope::isCancelled);
			throw failure;
		}));
		assertThat(thrown).isSameAs(failure);
		assertThat(thrown.getSuppressed()).singleElement()
			.isInstanceOf(FatalTaskException.class)
			.satisfies((suppressed) -> assertThat(suppressed.getCause()).isSameAs(fatal));
	}

	@Test
	void scopeTimeoutMakesJoinThrowAndCancelsUnfinishedForks() {
		Duration timeout = TestTasks.SHORT_TIMEOUT;
		ParallelTimeoutException ex = catchThrowableOfType(ParallelTimeoutException.class,
				() -> this.template.execute(timeout, (scope) -> {
					scope.fork(() -> "fast");
					this.sleeping.set(scope.fork(sleeper("sleeper", this.started, this.interrupted)));
					return scope.join();
				}));
		assertThat(ex.getTimeout()).isEqualTo(timeout);
		assertThat(ex.getResult().values()).isEqualTo(List.of("fast"));
		assertThat(this.sleeping.get().state()).isEqualTo(State.CANCELLED);
		assertThat(this.interrupted).containsExactly("sleeper");
	}

	private void awaitStarted() {
		try {
			await(this.started);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
