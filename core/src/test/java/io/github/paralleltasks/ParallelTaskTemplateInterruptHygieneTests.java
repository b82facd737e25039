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

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import io.github.paralleltasks.CallerThread.Outcome;
import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.TestExceptions.FatalTestException;
import io.github.paralleltasks.TestTasks.Probe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.paralleltasks.TestTasks.await;
import static io.github.paralleltasks.TestTasks.throwingAfter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests that the interrupt with which {@link ParallelTaskTemplate} cancels a task stays
 * with that task, and is not carried by its thread into what it runs next.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskTemplateInterruptHygieneTests {

	private final TestPools pools = new TestPools();

	@AfterEach
	void shutdownPools() throws InterruptedException {
		this.pools.close();
	}

	static Stream<Arguments> poolsAndEndings() {
		Function<TestPools, ExecutorService> singleThread = (pools) -> pools.fixed(1);
		Function<TestPools, ExecutorService> forkJoin = (pools) -> pools.forkJoin(1);
		return Stream.of(Ending.values())
			.flatMap((ending) -> Stream.of(Arguments.of("single thread pool", singleThread, ending),
					Arguments.of("fork-join pool", forkJoin, ending)));
	}

	@ParameterizedTest(name = "{0}, task that {2}")
	@MethodSource("poolsAndEndings")
	void cancelledTaskDoesNotLeaveItsInterruptOnThePooledThread(String description,
			Function<TestPools, ExecutorService> poolFactory, Ending ending) throws Exception {
		ExecutorService pool = poolFactory.apply(this.pools);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).build();
		CountDownLatch started = new CountDownLatch(1);
		CompletableFuture<Thread> taskThread = new CompletableFuture<>();
		CompletableFuture<Probe> nextTask = new CompletableFuture<>();
		Callable<String> task = () -> {
			// Queued on the only thread of the pool, to run right after this task
			pool.execute(() -> nextTask.complete(Probe.ofCurrentThread()));
			taskThread.complete(Thread.currentThread());
			started.countDown();
			return ending.work();
		};
		CallerThread caller = CallerThread.start(() -> template.invokeAll(List.of(task)));
		await(started);
		caller.interrupt();
		Outcome outcome = caller.outcome();
		assertThat(outcome.exception()).isInstanceOf(ParallelInterruptedException.class);
		assertThat(((ParallelInterruptedException) outcome.exception()).getResult().subtask(0).state())
			.isEqualTo(ending.state);
		Probe probe = nextTask.get(TestTasks.WAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(probe.thread()).isSameAs(taskThread.get());
		assertThat(probe.interrupted()).as("interrupt flag seen by the next task").isFalse();
	}

	@ParameterizedTest(name = "task that {0}")
	@EnumSource(Ending.class)
	void cancelledTaskRunByTheCallerDoesNotLeaveItsInterruptOnTheCaller(Ending ending) {
		ThreadPoolExecutor pool = this.pools.callerRuns(1);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).build();
		CountDownLatch started = new CountDownLatch(1);
		CompletableFuture<Thread> taskThread = new CompletableFuture<>();
		// The only thread of the pool is busy with the first task, so the caller runs
		// the second one, and gets interrupted when the first one fails
		Callable<String> inline = () -> {
			taskThread.complete(Thread.currentThread());
			started.countDown();
			return ending.work();
		};
		List<Callable<String>> tasks = List.of(throwingAfter(started, new FatalTestException("boom")), inline);
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> template.invokeAll(tasks));
		assertThat(Thread.interrupted()).as("caller's interrupt flag").isFalse();
		assertThat(taskThread.getNow(null)).isSameAs(Thread.currentThread());
		assertThat(ex.getResult().subtask(1).state()).isEqualTo(ending.state);
	}

	/**
	 * Ways in which a task may react to the interrupt that cancels it.
	 */
	enum Ending {

		THROWS_INTERRUPTED_EXCEPTION(State.CANCELLED) {

			@Override
			String work() throws InterruptedException {
				Thread.sleep(TestTasks.LONG_WORK.toMillis());
				return "slept";
			}

		},

		RESTORES_THE_FLAG_AND_THROWS(State.CANCELLED) {

			@Override
			String work() {
				try {
					Thread.sleep(TestTasks.LONG_WORK.toMillis());
					return "slept";
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted", ex);
				}
			}

		},

		RESTORES_THE_FLAG_AND_RETURNS(State.SUCCESS) {

			@Override
			String work() {
				try {
					Thread.sleep(TestTasks.LONG_WORK.toMillis());
					return "slept";
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return "stopped";
				}
			}

		},

		POLLS_CANCELLATION_AND_RETURNS(State.SUCCESS) {

			@Override
			String work() {
				while (!ParallelTaskTemplate.isCancelled()) {
					Thread.onSpinWait();
				}
				return "stopped";
			}

		};

		private final State state;

		Ending(State state) {
			this.state = state;
		}

		abstract String work() throws Exception;

	}

}
