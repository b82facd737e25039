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
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.metrics.BatchOutcome;
import io.github.paralleltasks.metrics.CancelReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static io.github.paralleltasks.TestTasks.eventually;
import static io.github.paralleltasks.TestTasks.sleeper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for the timeouts of single tasks ({@link ParallelTask#withTimeout(Duration)}):
 * the overdue task alone is cancelled for real and fails with a
 * {@link TaskTimeoutException}, classified by its criticality, and its batch goes on.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskTemplateTaskTimeoutTests {

	private static final Duration TASK_TIMEOUT = Duration.ofMillis(100);

	private final TestPools pools = new TestPools();

	private final RecordingParallelTaskMetrics metrics = new RecordingParallelTaskMetrics();

	private final Collection<String> interrupted = new ConcurrentLinkedQueue<>();

	@AfterEach
	void shutdownPools() throws InterruptedException {
		this.pools.close();
	}

	private ParallelTaskTemplate template(Executor executor) {
		return ParallelTaskTemplate.builder(executor).metrics(this.metrics).build();
	}

	@Test
	void slowOptionalTaskTimesOutAndTheBatchReturnsThePartialResult() {
		CountDownLatch started = new CountDownLatch(1);
		ParallelResult<String> result = template(this.pools.fixed(2))
			.invokeAll(List.of(ParallelTask.critical("catalog", () -> "catalog"),
					ParallelTask.optional("reviews", sleeper("reviews", started, this.interrupted))
						.withTimeout(TASK_TIMEOUT)));
		assertThat(result.subtasks()).extracting(Subtask::state).containsExactly(State.SUCCESS, State.FAILED);
		assertThat(result.values()).containsExactly("catalog");
		assertThat(result.failures()).singleElement().satisfies((failure) -> {
			assertThat(failure.taskName()).isEqualTo("reviews");
			assertThat(failure.exception()).isInstanceOf(TaskTimeoutException.class)
				.hasMessage("Task 'reviews' did not end within PT0.1S");
			TaskTimeoutException timeout = (TaskTimeoutException) failure.exception();
			assertThat(timeout.taskName()).isEqualTo("reviews");
			assertThat(timeout.getTimeout()).isEqualTo(TASK_TIMEOUT);
			// Either it was interrupted while it slept, or the timeout passed before it
			// started (on a slow machine)
			if (!this.interrupted.isEmpty()) {
				assertThat(timeout.getSuppressed()).singleElement().isInstanceOf(InterruptedException.class);
			}
		});
		assertThat(this.interrupted).containsAnyOf("reviews").hasSizeLessThanOrEqualTo(1);
		assertThat(this.metrics.tolerated(null, "reviews", TaskTimeoutException.class)).isEqualTo(1);
		assertThat(this.metrics.fatal()).isEmpty();
		assertThat(this.metrics.cancelled(CancelReason.TIMEOUT)).isEqualTo(1);
		assertThat(this.metrics.cancelled()).isEqualTo(1);
		assertThat(this.metrics.outcomes()).containsExactly(BatchOutcome.PARTIAL);
	}

	@Test
	void criticalTaskWhoseTimeoutPassesIsFatalAndCancelsItsSiblings() {
		CountDownLatch siblingStarted = new CountDownLatch(1);
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class,
				() -> template(this.pools.fixed(2)).invokeAll(List.of(
						ParallelTask.critical("prices", sleeper("prices", siblingStarted, this.interrupted))
							.withTimeout(TestTasks.SHORT_TIMEOUT),
						ParallelTask.named("reviews", sleeper("reviews", siblingStarted, this.interrupted)))));
		assertThat(ex.taskName()).isEqualTo("prices");
		assertThat(ex.getCause()).isInstanceOf(TaskTimeoutException.class)
			.hasMessage("Task 'prices' did not end within " + TestTasks.SHORT_TIMEOUT);
		assertThat(ex.getResult().subtasks()).extracting(Subtask::state).containsExactly(State.FATAL, State.CANCELLED);
		assertThat(this.interrupted).containsExactlyInAnyOrder("prices", "reviews");
		assertThat(this.metrics.fatal(null, "prices", TaskTimeoutException.class)).isEqualTo(1);
		assertThat(this.metrics.toleratedCount()).isZero();
		assertThat(this.metrics.cancelled(CancelReason.TIMEOUT)).isEqualTo(1);
		assertThat(this.metrics.cancelled(CancelReason.FATAL)).isEqualTo(1);
		assertThat(this.metrics.outcomes()).containsExactly(BatchOutcome.FATAL);
	}

	@Test
	void queuedTaskWhoseTimeoutPassesNeverStarts() {
		AtomicBoolean queuedRan = new AtomicBoolean();
		AtomicReference<Subtask<String>> queued = new AtomicReference<>();
		ParallelResult<Object> result = template(this.pools.fixed(1)).execute((scope) -> {
			// Holds the only thread until the queued task behind it has timed out
			scope.fork(ParallelTask.named("blocker", () -> {
				eventually().until(() -> queued.get() != null && queued.get().state() == State.FAILED);
				return "blocker";
			}));
			queued.set(scope.fork(ParallelTask.optional("queued", () -> {
				queuedRan.set(true);
				return "queued";
			}).withTimeout(TASK_TIMEOUT)));
			return scope.join();
		});
		assertThat(result.subtasks()).extracting(Subtask::state).containsExactly(State.SUCCESS, State.FAILED);
		assertThat(result.subtask(1).exception()).isInstanceOf(TaskTimeoutException.class)
			.hasMessage("Task 'queued' did not end within PT0.1S")
			.hasNoSuppressedExceptions();
		assertThat(queuedRan).isFalse();
		assertThat(this.metrics.tasksStarted()).isEqualTo(1);
		assertThat(this.metrics.tolerated(null, "queued", TaskTimeoutException.class)).isEqualTo(1);
		assertThat(this.metrics.cancelled(CancelReason.TIMEOUT)).isEqualTo(1);
	}

	@Test
	void taskWhoseTimeoutPassesBeforeASynchronousExecutorReachesItNeverStarts() {
		AtomicBoolean lateRan = new AtomicBoolean();
		ParallelResult<String> result = template(Runnable::run).invokeAll(List.of(ParallelTask.named("first", () -> {
			// The second task was created before this one ran: its deadline has passed
			// once this one has lasted its timeout
			long start = System.nanoTime();
			while (System.nanoTime() - start < TASK_TIMEOUT.toNanos()) {
				LockSupport.parkNanos(TASK_TIMEOUT.toNanos());
			}
			return "first";
		}), ParallelTask.optional("late", () -> {
			lateRan.set(true);
			return "late";
		}).withTimeout(TASK_TIMEOUT)));
		assertThat(result.subtasks()).extracting(Subtask::state).containsExactly(State.SUCCESS, State.FAILED);
		assertThat(result.subtask(1).exception()).isInstanceOf(TaskTimeoutException.class);
		assertThat(lateRan).isFalse();
	}

	@Test
	void taskThatEndsInTimeKeepsItsValueAndTheTimeoutIsNotCounted() {
		ParallelResult<String> result = template(this.pools.fixed(2))
			.invokeAll(List.of(ParallelTask.optional("fast", () -> "fast").withTimeout(TestTasks.LONG_WORK),
					ParallelTask.named("other", () -> "other")));
		assertThat(result.values()).containsExactly("fast", "other");
		assertThat(this.metrics.cancelled()).isZero();
		assertThat(this.metrics.outcomes()).containsExactly(BatchOutcome.SUCCESS);
	}

	@Test
	void tasksTimeOutEachAtItsOwnDeadlineWhileTheBatchGoesOn() {
		CountDownLatch started = new CountDownLatch(2);
		ParallelResult<String> result = template(this.pools.fixed(3)).invokeAll(List.of(
				ParallelTask.optional("slow", sleeper("slow", started, this.interrupted)).withTimeout(TASK_TIMEOUT),
				ParallelTask.optional("slower", sleeper("slower", started, this.interrupted))
					.withTimeout(TASK_TIMEOUT.multipliedBy(3)),
				ParallelTask.named("fast", () -> "fast")));
		assertThat(result.subtasks()).extracting(Subtask::state)
			.containsExactly(State.FAILED, State.FAILED, State.SUCCESS);
		assertThat(result.failures()).extracting(TaskFailure::exception)
			.allSatisfy((exception) -> assertThat(exception).isInstanceOf(TaskTimeoutException.class));
		assertThat(this.metrics.cancelled(CancelReason.TIMEOUT)).isEqualTo(2);
	}

	@Test
	void timeoutOfATaskThatRunsANestedBatchCancelsTheNestedTasks() {
		CountDownLatch started = new CountDownLatch(2);
		ParallelTaskTemplate template = template(this.pools.fixed(4));
		ParallelResult<Object> result = template
			.invokeAll(
					List.of(ParallelTask
						.optional("page",
								() -> template
									.invokeAll(List.of(
											ParallelTask.named("partner",
													sleeper("partner", started, this.interrupted)),
											ParallelTask.named("mirror", sleeper("mirror", started, this.interrupted))))
									.values())
						.withTimeout(TestTasks.SHORT_TIMEOUT), ParallelTask.named("header", () -> "header")));
		assertThat(result.subtasks()).extracting(Subtask::state).containsExactly(State.FAILED, State.SUCCESS);
		assertThat(result.subtask(0).exception()).isInstanceOf(TaskTimeoutException.class)
			.satisfies((timeout) -> assertThat(timeout.getSuppressed()).singleElement()
				.isInstanceOfSatisfying(ParallelInterruptedException.class,
						(nested) -> assertThat(nested.getResult().subtasks()).extracting(Subtask::state)
							.containsExactly(State.CANCELLED, State.CANCELLED)));
		// The nested batch's owner may have run one of its tasks itself, and the
		// interrupt aimed at the timed-out task then stops that one directly
		assertThat(this.interrupted).containsExactlyInAnyOrder("partner", "mirror");
		assertThat(this.metrics.cancelled(CancelReason.TIMEOUT)).isEqualTo(1);
	}

	@Test
	void nestedBatchWithTaskTimeoutsDoesNotRunItsTasksOnItsOwnThread() {
		ParallelTaskTemplate template = template(this.pools.fixed(2));
		AtomicReference<Thread> owner = new AtomicReference<>();
		AtomicReference<Thread> runner = new AtomicReference<>();
		ParallelResult<Object> result = template.invokeAll(List.of(ParallelTask.named("outer", () -> {
			owner.set(Thread.currentThread());
			return template.invokeAll(List.of(ParallelTask.optional("inner", () -> {
				runner.set(Thread.currentThread());
				return "inner";
			}).withTimeout(TestTasks.LONG_WORK))).values();
		})));
		assertThat(result.subtask(0).state()).isEqualTo(State.SUCCESS);
		assertThat(runner.get()).isNotNull().isNotSameAs(owner.get());
	}

	@Test
	void batchCancelledByAFatalErrorCancelsATaskWithATimeoutOnce() {
		CountDownLatch started = new CountDownLatch(1);
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class,
				() -> template(this.pools.fixed(2)).invokeAll(List.of(
						ParallelTask.optional("reviews", sleeper("reviews", started, this.interrupted))
							.withTimeout(TestTasks.LONG_WORK),
						ParallelTask.critical("catalog", TestTasks.throwingAfter(started,
								new TestExceptions.ToleratedTestException("catalog down"))))));
		assertThat(ex.getResult().subtasks()).extracting(Subtask::state).containsExactly(State.CANCELLED, State.FATAL);
		assertThat(this.interrupted).containsExactly("reviews");
		assertThat(this.metrics.cancelled(CancelReason.FATAL)).isEqualTo(1);
		assertThat(this.metrics.cancelled(CancelReason.TIMEOUT)).isZero();
	}

	/**
	 * A task that ends just as its timeout passes ends once: with its value, or with the
	 * timeout, and it is counted once.
	 */
	@RepeatedTest(20)
	void taskThatEndsJustAsItsTimeoutPassesHasOneOutcomeCountedOnce() {
		Duration timeout = Duration.ofMillis(5);
		RecordingParallelTaskMetrics metrics = new RecordingParallelTaskMetrics();
		ThreadPoolExecutor pool = this.pools.fixed(1);
		// A started thread takes the task at once, so that it ends about when its
		// timeout passes
		pool.prestartAllCoreThreads();
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).metrics(metrics).build();
		ParallelResult<String> result = template.invokeAll(List.of(ParallelTask.optional("racer", () -> {
			Thread.sleep(timeout.toMillis());
			return "racer";
		}).withTimeout(timeout)));
		Subtask<String> racer = result.subtask(0);
		if (racer.state() == State.SUCCESS) {
			assertThat(racer.get()).isEqualTo("racer");
			assertThat(result.failures()).isEmpty();
			assertThat(metrics.toleratedCount()).isZero();
			assertThat(metrics.cancelled()).isZero();
			assertThat(metrics.outcomes()).containsExactly(BatchOutcome.SUCCESS);
		}
		else {
			assertThat(racer.state()).isEqualTo(State.FAILED);
			assertThat(racer.exception()).isInstanceOf(TaskTimeoutException.class);
			assertThat(result.failures()).hasSize(1);
			assertThat(metrics.tolerated(TaskTimeoutException.class)).isEqualTo(1);
			assertThat(metrics.toleratedCount()).isEqualTo(1);
			assertThat(metrics.cancelled(CancelReason.TIMEOUT)).isEqualTo(1);
			assertThat(metrics.cancelled()).isEqualTo(1);
			assertThat(metrics.outcomes()).containsExactly(BatchOutcome.PARTIAL);
		}
		assertThat(metrics.fatalCount()).isZero();
	}

	@Test
	void timeoutMustBePositiveAndNotNull() {
		ParallelTask<String> task = ParallelTask.named("reviews", () -> "reviews");
		assertThatNullPointerException().isThrownBy(() -> task.withTimeout(null))
			.withMessage("Timeout of task 'reviews' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> task.withTimeout(Duration.ZERO))
			.withMessage("Timeout of task 'reviews' must be positive, but was PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ParallelCall.critical("prices", () -> null).withTimeout(Duration.ofSeconds(-1)))
			.withMessage("Timeout of call 'prices' must be positive, but was PT-1S");
	}

	@Test
	void withTimeoutReturnsANewTaskWithTheSameNameAndCriticality() {
		ParallelTask<String> task = ParallelTask.critical("prices", () -> "prices");
		ParallelTask<String> timed = task.withTimeout(TASK_TIMEOUT);
		assertThat(timed).isNotSameAs(task);
		assertThat(task.getTimeout()).isNull();
		assertThat(timed.getTimeout()).isEqualTo(TASK_TIMEOUT);
		assertThat(timed.getName()).isEqualTo("prices");
		assertThat(timed.getCriticality()).isEqualTo(Criticality.CRITICAL);
		assertThat(timed).hasToString("ParallelTask 'prices' [CRITICAL, timeout PT0.1S]");
		ParallelCall<String> call = ParallelCall.<String>optional("reviews", () -> null).withTimeout(TASK_TIMEOUT);
		assertThat(call.getTimeout()).isEqualTo(TASK_TIMEOUT);
		assertThat(call.getCriticality()).isEqualTo(Criticality.OPTIONAL);
		assertThat(call).hasToString("ParallelCall 'reviews' [OPTIONAL, timeout PT0.1S]");
	}

}
