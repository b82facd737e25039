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
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.TestExceptions.FatalTestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.core.task.SimpleAsyncTaskExecutor;

import static io.github.paralleltasks.TestTasks.since;
import static io.github.paralleltasks.TestTasks.sleeper;
import static io.github.paralleltasks.TestTasks.taker;
import static io.github.paralleltasks.TestTasks.throwingAfter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests of what a task finds as its current task on virtual threads, each of which is new
 * to the engine: nested batches, cancel hooks and
 * {@link ParallelTaskTemplate#isCancelled()}, also after a nested batch has returned.
 *
 * @author parallel-tasks authors
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadCurrentTaskTests {

	private final Collection<String> interrupted = new ConcurrentLinkedQueue<>();

	@Test
	void cancellingTheParentBatchInterruptsTheTasksOfTheChildBatch() {
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(virtualThreads()).build();
		CountDownLatch childStarted = new CountDownLatch(2);
		Callable<ParallelResult<String>> runsChildBatch = () -> template
			.invokeAll(List.of(sleeper("child sleeper", childStarted, this.interrupted),
					taker("child taker", childStarted, this.interrupted)));
		List<Callable<?>> tasks = List.of(ParallelTask.named("child batch", runsChildBatch),
				throwingAfter(childStarted, new FatalTestException("boom")));
		long start = System.nanoTime();
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> template.invokeAll(tasks));
		assertThat(since(start)).isLessThan(TestTasks.FAST);
		assertThat(this.interrupted).containsExactlyInAnyOrder("child sleeper", "child taker");
		assertThat(ex.getResult().subtask(0).state()).isEqualTo(State.CANCELLED);
	}

	@Test
	void fatalErrorOfANestedBatchNamesTheTaskOnItsWay() {
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(virtualThreads()).build();
		FatalTestException fatal = new FatalTestException("fatal to both");
		Callable<String> parentTask = () -> template.<String>invokeAll(List.of(ParallelTask.named("child", () -> {
			throw fatal;
		}))).values().get(0);
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class,
				() -> template.invokeAll(List.of(ParallelTask.named("parent", parentTask))));
		assertThat(ex.taskPath()).isEqualTo("parent/child");
		assertThat(ex.getCause()).isSameAs(fatal);
	}

	@Test
	void taskSeesItselfAsCurrentAgainAfterANestedBatchReturned() {
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(virtualThreads()).build();
		AtomicBoolean hookRan = new AtomicBoolean();
		AtomicBoolean sawCancel = new AtomicBoolean();
		CountDownLatch registered = new CountDownLatch(1);
		Callable<String> parentTask = () -> {
			template.invokeAll(List.of(() -> "nested"));
			try (CancelRegistration registration = ParallelTaskTemplate.onCancel(() -> hookRan.set(true))) {
				registered.countDown();
				// A cancel runs the hooks, then interrupts: a hook registered with this
				// task has run when the interrupt comes. (Waiting for isCancelled() would
				// race the canceller: the registration could close before the hooks run.)
				while (!hookRan.get() && !Thread.currentThread().isInterrupted()) {
					Thread.onSpinWait();
				}
				sawCancel.set(ParallelTaskTemplate.isCancelled());
			}
			return "parent";
		};
		assertThat(ParallelTaskTemplate.isCancelled()).isFalse();
		long start = System.nanoTime();
		catchThrowableOfType(FatalTaskException.class, () -> template
			.invokeAll(List.of(parentTask, throwingAfter(registered, new FatalTestException("boom")))));
		assertThat(since(start)).isLessThan(TestTasks.FAST);
		assertThat(hookRan).isTrue();
		assertThat(sawCancel).isTrue();
	}

	@Test
	void noTaskIsCurrentOnAThreadThatATaskStartedItself() throws Exception {
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(virtualThreads()).build();
		AtomicBoolean otherThreadSawATask = new AtomicBoolean(true);
		template.invokeAll(List.of(() -> {
			Thread other = new PlainThread(() -> otherThreadSawATask.set(ParallelTaskTemplate.onCancel(() -> {
			}) != CancelHook.NONE || ParallelTaskTemplate.isCancelled()));
			other.start();
			other.join();
			return "started one";
		}));
		assertThat(otherThreadSawATask).isFalse();
	}

	private static SimpleAsyncTaskExecutor virtualThreads() {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("current-task-");
		executor.setVirtualThreads(true);
		return executor;
	}

	/**
	 * A plain platform thread, started by a task.
	 */
	private static final class PlainThread extends Thread {

		PlainThread(Runnable work) {
			super(work);
		}

	}

}
