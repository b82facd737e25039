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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.metrics.BatchOutcome;
import io.github.paralleltasks.metrics.CancelReason;
import io.github.paralleltasks.task.AsyncSupervisionBeanPostProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static io.github.paralleltasks.TestTasks.await;
import static io.github.paralleltasks.TestTasks.awaitUnchecked;
import static io.github.paralleltasks.TestTasks.since;
import static io.github.paralleltasks.TestTasks.sleeper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Fault tests of {@link ParallelTaskTemplate} on executors that stop taking tasks while a
 * batch is being submitted: shut down, closed or saturated. Every task is accounted for:
 * the ones the executor took run (or are cancelled), the ones it refused fail with its
 * {@link RejectedExecutionException} and never run, and the batch never hangs.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskTemplateExecutorFaultTests {

	private final TestPools pools = new TestPools();

	private final RecordingParallelTaskMetrics metrics = new RecordingParallelTaskMetrics();

	private final Collection<String> interrupted = new ConcurrentLinkedQueue<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private final AtomicInteger[] runs = counters(6);

	private final List<ThreadPoolTaskExecutor> springPools = new ArrayList<>();

	@AfterEach
	void shutdownPools() throws InterruptedException {
		this.release.countDown();
		for (ThreadPoolTaskExecutor pool : this.springPools) {
			pool.shutdown();
		}
		this.pools.close();
	}

	@Test
	void tasksSubmittedAfterTheExecutorWasShutDownFailWithTheRejectionWhileTheQueuedOnesStillRun() throws Exception {
		// Two threads, so the third task is queued; the executor is shut down while the
		// fourth is handed to it
		ShuttingDownDecorator decorator = new ShuttingDownDecorator((index) -> index == 3);
		ThreadPoolTaskExecutor pool = springPool(2, Integer.MAX_VALUE, decorator);
		decorator.shutdown = () -> pool.getThreadPoolExecutor().shutdown();
		ParallelTaskTemplate template = template(pool, FatalErrorPolicy.annotated());
		CountDownLatch twoRunning = new CountDownLatch(2);
		List<Callable<Integer>> tasks = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			int index = i;
			tasks.add(ParallelTask.named("task " + i, () -> {
				this.runs[index].incrementAndGet();
				if (index < 2) {
					twoRunning.countDown();
					await(this.release);
				}
				return index;
			}));
		}
		CallerThread caller = CallerThread.start(() -> template.invokeAll(tasks));
		await(twoRunning);
		TestTasks.eventually().until(() -> decorator.shutDown);
		this.release.countDown();
		@SuppressWarnings("unchecked")
		ParallelResult<Integer> result = (ParallelResult<Integer>) caller.outcome().value();
		assertThat(result.subtasks()).extracting(Subtask::state)
			.containsExactly(State.SUCCESS, State.SUCCESS, State.SUCCESS, State.FAILED, State.FAILED, State.FAILED);
		assertThat(result.values()).containsExactly(0, 1, 2);
		assertThat(result.failures()).extracting(TaskFailure::index).containsExactly(3, 4, 5);
		assertThat(result.failures())
			.allSatisfy((failure) -> assertThat(failure.exception()).isInstanceOf(TaskRejectedException.class)
				.isInstanceOf(RejectedExecutionException.class));
		assertThat(this.runs).extracting(AtomicInteger::get).containsExactly(1, 1, 1, 0, 0, 0);
		assertThat(this.metrics.tolerated()).extracting(RecordingParallelTaskMetrics.Failure::taskName)
			.containsExactlyInAnyOrder("task 3", "task 4", "task 5");
		assertThat(this.metrics.fatal()).isEmpty();
		assertThat(this.metrics.cancelled()).isZero();
		assertThat(this.metrics.outcomes()).containsExactly(BatchOutcome.PARTIAL);
		assertTerminated(pool, decorator);
	}

	@Test
	void rejectionByAnExecutorShutDownMidBatchIsFatalWhenThePolicyListsItAndCancelsEveryOtherTask() throws Exception {
		ShuttingDownDecorator decorator = new ShuttingDownDecorator((index) -> index == 3);
		ThreadPoolTaskExecutor pool = springPool(2, Integer.MAX_VALUE, decorator);
		decorator.shutdown = () -> pool.getThreadPoolExecutor().shutdown();
		ParallelTaskTemplate template = template(pool, FatalErrorPolicy.of(List.of(RejectedExecutionException.class)));
		CountDownLatch twoRunning = new CountDownLatch(2);
		List<Callable<String>> tasks = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			int index = i;
			Callable<String> sleeper = sleeper("task " + i, twoRunning, this.interrupted);
			tasks.add(ParallelTask.named("task " + i, () -> {
				this.runs[index].incrementAndGet();
				return sleeper.call();
			}));
		}
		// The first two tasks may not have started when the fourth is rejected: each of
		// them is then cancelled before it starts, or interrupted
		long start = System.nanoTime();
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> template.invokeAll(tasks));
		assertThat(since(start)).isLessThan(TestTasks.FAST);
		assertThat(ex.taskName()).isEqualTo("task 3");
		assertThat(ex.getCause()).isInstanceOf(TaskRejectedException.class);
		assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
			.containsExactly(State.CANCELLED, State.CANCELLED, State.CANCELLED, State.FATAL, State.CANCELLED,
					State.CANCELLED);
		assertThat(this.runs).extracting(AtomicInteger::get).allSatisfy((count) -> assertThat(count).isBetween(0, 1));
		assertThat(this.runs[2].get() + this.runs[3].get() + this.runs[4].get() + this.runs[5].get()).isZero();
		assertThat(this.interrupted).hasSize(this.runs[0].get() + this.runs[1].get());
		assertThat(this.metrics.fatal()).singleElement()
			.satisfies((failure) -> assertThat(failure.exception()).isSameAs(ex.getCause()));
		assertThat(this.metrics.cancelled(CancelReason.FATAL)).isEqualTo(5);
		assertThat(this.metrics.outcomes()).containsExactly(BatchOutcome.FATAL);
		assertTerminated(pool, decorator);
	}

	@Test
	void taskForkedAfterTheJdkExecutorWasShutDownByAnotherThreadFailsAndTheScopeStillJoins() throws Exception {
		ThreadPoolExecutor pool = this.pools.fixed(2);
		ParallelTaskTemplate template = template(pool, FatalErrorPolicy.annotated());
		CountDownLatch running = new CountDownLatch(1);
		ParallelResult<Object> result = template.execute((scope) -> {
			scope.fork("before", () -> {
				running.countDown();
				await(this.release);
				return "before";
			});
			awaitUnchecked(running);
			CompletableFuture.runAsync(pool::shutdown)
				.orTimeout(TestTasks.WAIT.toMillis(), TimeUnit.MILLISECONDS)
				.join();
			Subtask<Object> after = scope.fork("after", () -> this.runs[0].incrementAndGet());
			assertThat(after.state()).as("state of a rejected fork, at once").isEqualTo(State.FAILED);
			this.release.countDown();
			return scope.join();
		});
		assertThat(result.subtasks()).extracting(Subtask::state).containsExactly(State.SUCCESS, State.FAILED);
		assertThat(result.subtask(1).exception()).isInstanceOf(RejectedExecutionException.class);
		assertThat(this.runs[0]).hasValue(0);
		assertThat(this.metrics.outcomes()).containsExactly(BatchOutcome.PARTIAL);
		assertThat(pool.awaitTermination(TestTasks.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
	}

	@Test
	void taskForkedAfterASimpleAsyncTaskExecutorWasClosedFailsAndTheTaskItRanIsNotDisturbed() throws Exception {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("closing-");
		ParallelTaskTemplate template = template(executor, FatalErrorPolicy.annotated());
		CountDownLatch running = new CountDownLatch(1);
		CompletableFuture<TestTasks.Probe> before = new CompletableFuture<>();
		ParallelResult<Object> result = template.execute((scope) -> {
			scope.fork("before", () -> {
				running.countDown();
				await(this.release);
				before.complete(TestTasks.Probe.ofCurrentThread());
				return "before";
			});
			awaitUnchecked(running);
			executor.close();
			Subtask<Object> after = scope.fork("after", () -> this.runs[0].incrementAndGet());
			assertThat(after.state()).as("state of a rejected fork, at once").isEqualTo(State.FAILED);
			this.release.countDown();
			return scope.join();
		});
		assertThat(result.subtasks()).extracting(Subtask::state).containsExactly(State.SUCCESS, State.FAILED);
		assertThat(result.subtask(1).exception()).isInstanceOf(RejectedExecutionException.class);
		assertThat(this.runs[0]).hasValue(0);
		TestTasks.Probe probe = before.get(TestTasks.WAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(probe.interrupted()).isFalse();
		probe.thread().join(TestTasks.WAIT.toMillis());
		assertThat(probe.thread().isAlive()).as("thread of the task that ran").isFalse();
	}

	@Test
	void queuedTasksThatSpringsExecutorDropsWhenItShutsDownMidBatchEndCancelledAndTheBatchReturns() throws Exception {
		// No task decorator: with one, Spring finds the Future to cancel in a map whose
		// entries a garbage collection may clear (see CallableRun)
		ThreadPoolTaskExecutor pool = springPool(1, Integer.MAX_VALUE, null);
		CallerThread caller = startRunningAndQueued(pool, pool.getThreadPoolExecutor().getQueue());
		// As on context close: shutdownNow() interrupts the running task and drops the
		// queued one, which Spring then cancels, as a Future
		pool.shutdown();
		ParallelResult<?> result = runningInterruptedAndQueuedNeverRan(caller);
		assertThat(result.subtask(1).state()).isEqualTo(State.CANCELLED);
		assertThat(result.subtask(1).exception()).isInstanceOf(CancellationException.class)
			.hasMessage("Task 'queued' was cancelled by its executor before it started");
		assertThat(this.metrics.tolerated()).extracting(RecordingParallelTaskMetrics.Failure::taskName)
			.containsExactly("running");
		assertThat(this.metrics.fatal()).isEmpty();
		assertThat(this.metrics.cancelled(CancelReason.SHUTDOWN)).isEqualTo(1);
		assertThat(this.metrics.cancelled()).isEqualTo(1);
		assertThat(this.metrics.outcomes()).containsExactly(BatchOutcome.PARTIAL);
		assertThat(pool.getThreadPoolExecutor().awaitTermination(TestTasks.WAIT.toMillis(), TimeUnit.MILLISECONDS))
			.isTrue();
	}

	@Test
	void queuedTasksThatSpringsExecutorDropsAreCancelledThroughAUserDecoratorWhenParallelTasksSupervisesIt()
			throws Exception {
		ShuttingDownDecorator decorator = new ShuttingDownDecorator((index) -> false);
		ThreadPoolTaskExecutor pool = springPool(1, Integer.MAX_VALUE, decorator, true);
		CallerThread caller = startRunningAndQueued(pool, pool.getThreadPoolExecutor().getQueue());
		// Would clear Spring's entry from the decorated task to the task of the batch:
		// the Future that Spring cancels is the decorated task itself
		System.gc();
		pool.shutdown();
		ParallelResult<?> result = runningInterruptedAndQueuedNeverRan(caller);
		assertThat(result.subtask(1).state()).isEqualTo(State.CANCELLED);
		assertThat(result.subtask(1).exception()).isInstanceOf(CancellationException.class);
		assertThat(this.metrics.cancelled(CancelReason.SHUTDOWN)).isEqualTo(1);
		assertThat(this.metrics.cancelled()).isEqualTo(1);
		assertThat(this.metrics.outcomes()).containsExactly(BatchOutcome.PARTIAL);
		assertTerminated(pool, decorator);
	}

	@Test
	void queuedTasksThatShutdownNowDrainsFromTheJdkExecutorMidBatchFailWithARejectionOnceItHasTerminated()
			throws Exception {
		ThreadPoolExecutor pool = this.pools.fixed(1);
		CallerThread caller = startRunningAndQueued(pool, pool.getQueue());
		// Interrupts the running task, which wakes the owner, and returns the queued
		// one, which no one cancels
		List<Runnable> drained = pool.shutdownNow();
		assertThat(drained).singleElement().isInstanceOf(Future.class);
		ParallelResult<?> result = runningInterruptedAndQueuedNeverRan(caller);
		assertThat(result.subtask(1).state()).isEqualTo(State.FAILED);
		assertThat(result.subtask(1).exception()).isInstanceOf(RejectedExecutionException.class)
			.hasMessage("Task 'queued' never ran: its executor was shut down, and terminated, before the task started");
		assertThat(this.metrics.tolerated()).extracting(RecordingParallelTaskMetrics.Failure::taskName)
			.containsExactlyInAnyOrder("running", "queued");
		assertThat(this.metrics.fatal()).isEmpty();
		assertThat(this.metrics.cancelled()).isZero();
		assertThat(this.metrics.outcomes()).containsExactly(BatchOutcome.PARTIAL);
		assertThat(((Future<?>) drained.get(0)).cancel(true)).as("cancel of a task that has ended").isFalse();
		assertThat(this.metrics.cancelled()).isZero();
		assertThat(result.subtask(1).state()).isEqualTo(State.FAILED);
	}

	@Test
	void tasksThatShutdownNowDrainsBeforeAnyStartedAreFoundWithoutAWakeUpAndTheirRejectionCanBeFatal()
			throws Exception {
		ThreadPoolExecutor pool = this.pools.fixed(1);
		CountDownLatch blocking = new CountDownLatch(1);
		pool.execute(() -> {
			blocking.countDown();
			try {
				await(this.release);
			}
			catch (InterruptedException ex) {
				// By shutdownNow(): no batch hears of it, as it belongs to none
			}
		});
		await(blocking);
		// The owner, woken by no task, looks at its executor once per grace period
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool)
			.fatalErrorPolicy(FatalErrorPolicy.of(List.of(RejectedExecutionException.class)))
			.metrics(this.metrics)
			.cancelGracePeriod(Duration.ofMillis(100))
			.build();
		List<Callable<?>> tasks = List.of(ParallelTask.named("first", () -> this.runs[0].incrementAndGet()),
				ParallelTask.named("second", () -> this.runs[1].incrementAndGet()));
		CallerThread caller = CallerThread.start(() -> template.invokeAll(tasks));
		TestTasks.eventually().until(() -> pool.getQueue().size() == 2);
		assertThat(pool.shutdownNow()).hasSize(2);
		Throwable exception = caller.outcome().exception();
		assertThat(exception).isInstanceOf(FatalTaskException.class);
		FatalTaskException ex = (FatalTaskException) exception;
		assertThat(ex.taskName()).isEqualTo("first");
		assertThat(ex.getCause()).isInstanceOf(RejectedExecutionException.class);
		assertThat(ex.getResult().subtasks()).extracting(Subtask::state).containsExactly(State.FATAL, State.CANCELLED);
		assertThat(this.runs).extracting(AtomicInteger::get).containsOnly(0);
		assertThat(this.metrics.fatal()).singleElement()
			.satisfies((failure) -> assertThat(failure.exception()).isSameAs(ex.getCause()));
		assertThat(this.metrics.cancelled(CancelReason.FATAL)).isEqualTo(1);
		assertThat(this.metrics.cancelled()).isEqualTo(1);
		assertThat(this.metrics.outcomes()).containsExactly(BatchOutcome.FATAL);
	}

	@Test
	void cancellingATaskAsAFutureOnceItHasStartedLeavesItToItsBatch() throws Exception {
		ThreadPoolExecutor pool = this.pools.fixed(1);
		ParallelTaskTemplate template = template(pool, FatalErrorPolicy.annotated());
		CountDownLatch running = new CountDownLatch(1);
		ParallelResult<Object> result = template.execute((scope) -> {
			Subtask<Object> task = scope.fork("running", () -> {
				running.countDown();
				await(this.release);
				return "done";
			});
			awaitUnchecked(running);
			Future<?> future = (Future<?>) task;
			assertThat(future.cancel(true)).isFalse();
			assertThat(future.isCancelled()).isFalse();
			assertThat(future.isDone()).isFalse();
			this.release.countDown();
			return scope.join();
		});
		assertThat(result.subtasks()).extracting(Subtask::state).containsExactly(State.SUCCESS);
		assertThat(result.values()).containsExactly("done");
		Future<?> future = (Future<?>) result.subtask(0);
		assertThat(future.isDone()).isTrue();
		assertThat(future.get()).isEqualTo("done");
		assertThat(this.metrics.cancelled()).isZero();
		assertThat(this.metrics.outcomes()).containsExactly(BatchOutcome.SUCCESS);
	}

	@Test
	void tasksThatASaturatedExecutorRejectsMidBatchFailWhileTheOthersRunAndThePoolStaysUsable() throws Exception {
		// Two threads and two places in the queue: four tasks are taken, four rejected
		ThreadPoolExecutor pool = this.pools.bounded(2, 2);
		ParallelTaskTemplate template = template(pool, FatalErrorPolicy.annotated());
		AtomicInteger[] runs = counters(8);
		CountDownLatch twoRunning = new CountDownLatch(2);
		List<Callable<Integer>> tasks = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			int index = i;
			tasks.add(() -> {
				runs[index].incrementAndGet();
				if (index < 2) {
					twoRunning.countDown();
					// Hold both threads until every rejection has been counted
					TestTasks.eventually().until(() -> this.metrics.tolerated().size() == 4);
				}
				return index;
			});
		}
		ParallelResult<Integer> result = template.invokeAll(tasks);
		assertThat(result.subtasks()).extracting(Subtask::state)
			.containsExactly(State.SUCCESS, State.SUCCESS, State.SUCCESS, State.SUCCESS, State.FAILED, State.FAILED,
					State.FAILED, State.FAILED);
		assertThat(result.values()).containsExactly(0, 1, 2, 3);
		assertThat(result.failures()).extracting(TaskFailure::exception)
			.allSatisfy((exception) -> assertThat(exception).isInstanceOf(RejectedExecutionException.class));
		assertThat(runs).extracting(AtomicInteger::get).containsExactly(1, 1, 1, 1, 0, 0, 0, 0);
		assertThat(this.metrics.outcomes()).containsExactly(BatchOutcome.PARTIAL);
		TestTasks.eventually().until(() -> pool.getCompletedTaskCount() == 4);
		assertThat(pool.getTaskCount()).as("tasks the pool took").isEqualTo(4);
		assertThat(template.invokeAll(List.of(() -> "a", () -> "b")).values()).containsExactly("a", "b");
		TestPools.awaitIdle(pool);
	}

	@Test
	void rejectionBySaturatedSpringExecutorIsFatalWhenThePolicyListsItAndThePoolStaysUsable() throws Exception {
		ShuttingDownDecorator decorator = new ShuttingDownDecorator((index) -> false);
		ThreadPoolTaskExecutor pool = springPool(1, 1, decorator);
		ParallelTaskTemplate template = template(pool, FatalErrorPolicy.of(List.of(RejectedExecutionException.class)));
		CountDownLatch running = new CountDownLatch(1);
		List<Callable<?>> tasks = List.of(sleeper("running", running, this.interrupted),
				() -> this.runs[1].incrementAndGet(), () -> this.runs[2].incrementAndGet(),
				() -> this.runs[3].incrementAndGet());
		long start = System.nanoTime();
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> template.invokeAll(tasks));
		assertThat(since(start)).isLessThan(TestTasks.FAST);
		assertThat(ex.taskName()).isEqualTo("task-2");
		assertThat(ex.getCause()).isInstanceOf(TaskRejectedException.class);
		assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
			.containsExactly(State.CANCELLED, State.CANCELLED, State.FATAL, State.CANCELLED);
		assertThat(this.interrupted.size()).isEqualTo((int) (1 - running.getCount()));
		assertThat(this.metrics.cancelled(CancelReason.FATAL)).isEqualTo(3);
		TestTasks.eventually().until(() -> pool.getThreadPoolExecutor().getCompletedTaskCount() == 2);
		assertThat(this.runs).extracting(AtomicInteger::get).containsOnly(0);
		ParallelResult<String> after = template.invokeAll(List.of(() -> "after"));
		assertThat(after.values()).containsExactly("after");
		TestTasks.eventually().until(() -> pool.getActiveCount() == 0);
		assertThat(decorator.violations).isEmpty();
	}

	/**
	 * Start a batch of a task that runs until it is interrupted and of one queued behind
	 * it, on a pool of one thread, and return once the second is in the pool's queue.
	 */
	private CallerThread startRunningAndQueued(java.util.concurrent.Executor pool, Queue<Runnable> queue)
			throws InterruptedException {
		CountDownLatch running = new CountDownLatch(1);
		ParallelTaskTemplate template = template(pool, FatalErrorPolicy.annotated());
		List<Callable<?>> tasks = List.of(ParallelTask.named("running", sleeper("running", running, this.interrupted)),
				ParallelTask.named("queued", () -> this.runs[1].incrementAndGet()));
		CallerThread caller = CallerThread.start(() -> template.invokeAll(tasks));
		await(running);
		TestTasks.eventually().until(() -> queue.size() == 1);
		return caller;
	}

	/**
	 * Return the result of the batch that {@link #startRunningAndQueued} started, once
	 * its running task was interrupted and failed, and its queued task never ran.
	 */
	private ParallelResult<?> runningInterruptedAndQueuedNeverRan(CallerThread caller) throws Exception {
		ParallelResult<?> result = (ParallelResult<?>) caller.outcome().value();
		assertThat(result.subtasks()).hasSize(2);
		assertThat(result.subtask(0).state()).isEqualTo(State.FAILED);
		assertThat(result.subtask(0).exception()).isInstanceOf(InterruptedException.class);
		assertThat(this.interrupted).containsExactly("running");
		assertThat(this.runs[1]).hasValue(0);
		return result;
	}

	private ParallelTaskTemplate template(java.util.concurrent.Executor executor, FatalErrorPolicy policy) {
		return ParallelTaskTemplate.builder(executor).fatalErrorPolicy(policy).metrics(this.metrics).build();
	}

	private ThreadPoolTaskExecutor springPool(int threads, int queueCapacity, TaskDecorator decorator) {
		return springPool(threads, queueCapacity, decorator, false);
	}

	/**
	 * Return a Spring pool, initialized, and with parallel-tasks' supervision added as
	 * Spring Boot adds it to an executor bean if {@code supervised}.
	 */
	private ThreadPoolTaskExecutor springPool(int threads, int queueCapacity, TaskDecorator decorator,
			boolean supervised) {
		ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
		pool.setCorePoolSize(threads);
		pool.setMaxPoolSize(threads);
		pool.setQueueCapacity(queueCapacity);
		pool.setThreadNamePrefix("spring-pool-");
		pool.setTaskDecorator(decorator);
		if (supervised) {
			new AsyncSupervisionBeanPostProcessor().postProcessBeforeInitialization(pool, "pool");
		}
		pool.initialize();
		this.springPools.add(pool);
		return pool;
	}

	private static void assertTerminated(ThreadPoolTaskExecutor pool, ShuttingDownDecorator decorator)
			throws InterruptedException {
		assertThat(pool.getThreadPoolExecutor().awaitTermination(TestTasks.WAIT.toMillis(), TimeUnit.MILLISECONDS))
			.as("every thread of the pool ended")
			.isTrue();
		assertThat(decorator.violations).isEmpty();
	}

	private static AtomicInteger[] counters(int size) {
		AtomicInteger[] counters = new AtomicInteger[size];
		for (int i = 0; i < size; i++) {
			counters[i] = new AtomicInteger();
		}
		return counters;
	}

	/**
	 * A decorator that shuts its executor down while the executor is being handed the
	 * task of a given position, and reports a task that leaves its thread interrupted.
	 */
	static final class ShuttingDownDecorator implements TaskDecorator {

		private final IntPredicate shutDownAt;

		private final AtomicInteger decorated = new AtomicInteger();

		final Queue<String> violations = new ConcurrentLinkedQueue<>();

		volatile Runnable shutdown;

		volatile boolean shutDown;

		ShuttingDownDecorator(IntPredicate shutDownAt) {
			this.shutDownAt = shutDownAt;
		}

		@Override
		public Runnable decorate(Runnable task) {
			if (this.shutDownAt.test(this.decorated.getAndIncrement())) {
				this.shutdown.run();
				this.shutDown = true;
			}
			return () -> {
				try {
					task.run();
				}
				finally {
					if (Thread.currentThread().isInterrupted()) {
						this.violations.add(Thread.currentThread().getName() + " left " + task + " interrupted");
					}
				}
			};
		}

	}

}
