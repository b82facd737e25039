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

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.TestExceptions.FatalTestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.paralleltasks.TestTasks.since;
import static io.github.paralleltasks.TestTasks.sleeper;
import static io.github.paralleltasks.TestTasks.taker;
import static io.github.paralleltasks.TestTasks.throwingAfter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests of batches run by the tasks of other batches, and of cooperative cancellation
 * with {@link ParallelTaskTemplate#isCancelled()}.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskTemplateNestedBatchTests {

	private final TestPools pools = new TestPools();

	private final Collection<String> interrupted = new ConcurrentLinkedQueue<>();

	@AfterEach
	void shutdownPools() throws InterruptedException {
		this.pools.close();
	}

	@Test
	void cancellingTheParentBatchInterruptsTheTasksOfTheChildBatch() {
		ThreadPoolExecutor parentPool = this.pools.fixed(2);
		ThreadPoolExecutor childPool = this.pools.fixed(2);
		ParallelTaskTemplate parent = ParallelTaskTemplate.builder(parentPool).build();
		ParallelTaskTemplate child = ParallelTaskTemplate.builder(childPool).build();
		CountDownLatch childStarted = new CountDownLatch(2);
		Callable<ParallelResult<String>> runsChildBatch = () -> child
			.invokeAll(List.of(sleeper("child sleeper", childStarted, this.interrupted),
					taker("child taker", childStarted, this.interrupted)));
		List<Callable<?>> tasks = List.of(ParallelTask.named("child batch", runsChildBatch),
				throwingAfter(childStarted, new FatalTestException("boom")));
		long start = System.nanoTime();
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> parent.invokeAll(tasks));
		assertThat(since(start)).isLessThan(TestTasks.FAST);
		assertThat(this.interrupted).containsExactlyInAnyOrder("child sleeper", "child taker");
		Subtask<?> childBatch = ex.getResult().subtask(0);
		assertThat(childBatch.state()).isEqualTo(State.CANCELLED);
		ParallelInterruptedException childException = (ParallelInterruptedException) childBatch.exception();
		assertThat(childException.getResult().subtasks()).extracting(Subtask::state).containsOnly(State.CANCELLED);
		TestPools.awaitIdle(parentPool);
		TestPools.awaitIdle(childPool);
	}

	@Test
	void nestedBatchesOnAPoolOfTwoThreadsDoNotStarveIt() {
		ThreadPoolExecutor pool = this.pools.fixed(2);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).build();
		List<Callable<List<Integer>>> parents = new ArrayList<>();
		for (int p = 0; p < 4; p++) {
			int parent = p;
			parents.add(() -> {
				List<Callable<Integer>> children = new ArrayList<>();
				for (int c = 0; c < 4; c++) {
					int child = c;
					children.add(() -> parent * 10 + child);
				}
				return template.invokeAll(children).values();
			});
		}
		ParallelResult<List<Integer>> result = template.invokeAll(parents);
		assertThat(result.values()).containsExactly(List.of(0, 1, 2, 3), List.of(10, 11, 12, 13),
				List.of(20, 21, 22, 23), List.of(30, 31, 32, 33));
		TestPools.awaitIdle(pool);
	}

	@Test
	void childFatalErrorIsFatalToTheParentWhenTheParentsPolicySaysSo() {
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(this.pools.fixed(2)).build();
		FatalTestException fatal = new FatalTestException("fatal to both");
		Callable<String> parentTask = () -> template.<String>invokeAll(List.of(ParallelTask.named("child", () -> {
			throw fatal;
		}))).values().get(0);
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class,
				() -> template.invokeAll(List.of(ParallelTask.named("parent", parentTask))));
		assertThat(ex.taskName()).isEqualTo("parent");
		assertThat(ex.taskPath()).isEqualTo("parent/child");
		assertThat(ex.getCause()).isSameAs(fatal);
		assertThat(ex).hasMessage("Task 'parent/child' failed with fatal error " + fatal);
		assertThat(ex.getResult().subtask(0).exception()).isInstanceOfSatisfying(FatalTaskException.class, (nested) -> {
			assertThat(nested.taskName()).isEqualTo("child");
			assertThat(nested.taskPath()).isEqualTo("child");
			assertThat(nested.getCause()).isSameAs(fatal);
		});
	}

	@Test
	void fatalErrorThreeBatchesDownNamesEveryTaskOnItsWayAndKeepsTheRootCause() {
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(this.pools.fixed(3)).build();
		FatalTestException fatal = new FatalTestException("order 404");
		Callable<String> partner = () -> {
			throw fatal;
		};
		Callable<String> reviews = () -> template.<String>invokeAll(List.of(ParallelTask.named("partner", partner)))
			.values()
			.get(0);
		Callable<String> page = () -> template.<String>invokeAll(List.of(ParallelTask.named("reviews", reviews)))
			.values()
			.get(0);
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class,
				() -> template.invokeAll(List.of(ParallelTask.named("page", page))));
		assertThat(ex.taskName()).isEqualTo("page");
		assertThat(ex.taskPath()).isEqualTo("page/reviews/partner");
		assertThat(ex.getCause()).isSameAs(fatal);
		assertThat(ex.getMessage()).startsWith("Task 'page/reviews/partner' failed with fatal error");
	}

	@Test
	void childFatalErrorIsToleratedByAParentWhosePolicyDoesNotCallItFatal() {
		ThreadPoolExecutor pool = this.pools.fixed(2);
		ParallelTaskTemplate parent = ParallelTaskTemplate.builder(pool).build();
		ParallelTaskTemplate strictChild = ParallelTaskTemplate.builder(pool)
			.fatalErrorPolicy(FatalErrorPolicy.of(List.of(IllegalStateException.class)))
			.build();
		Callable<String> parentTask = () -> strictChild.<String>invokeAll(List.of(ParallelTask.named("child", () -> {
			throw new IllegalStateException("fatal to the child only");
		}))).values().get(0);
		ParallelResult<String> result = parent
			.invokeAll(List.of(ParallelTask.named("parent", parentTask), ParallelTask.named("sibling", () -> "done")));
		assertThat(result.values()).containsExactly("done");
		assertThat(result.failures()).singleElement().satisfies((failure) -> {
			assertThat(failure.taskName()).isEqualTo("parent");
			assertThat(failure.exception()).isInstanceOf(FatalTaskException.class)
				.hasCauseInstanceOf(IllegalStateException.class);
		});
	}

	@Test
	void taskThatNeverBlocksSeesItsBatchCancelledAndStops() {
		ThreadPoolExecutor pool = this.pools.fixed(2);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).build();
		CountDownLatch spinning = new CountDownLatch(1);
		AtomicBoolean cancelledWhenStopped = new AtomicBoolean();
		List<Callable<?>> tasks = List.of(() -> {
			while (!ParallelTaskTemplate.isCancelled()) {
				spinning.countDown();
				Thread.onSpinWait();
			}
			cancelledWhenStopped.set(ParallelTaskTemplate.isCancelled());
			return "stopped";
		}, throwingAfter(spinning, new FatalTestException("boom")));
		long start = System.nanoTime();
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> template.invokeAll(tasks));
		assertThat(since(start)).isLessThan(TestTasks.FAST);
		assertThat(cancelledWhenStopped).isTrue();
		// It stopped by itself and returned, so it succeeded
		assertThat(ex.getResult().subtask(0).state()).isEqualTo(State.SUCCESS);
		assertThat(ex.getResult().subtask(0).get()).isEqualTo("stopped");
		TestPools.awaitIdle(pool);
	}

	@Test
	void spinningTaskOfAChildBatchStopsWhenTheParentBatchIsCancelled() {
		ThreadPoolExecutor parentPool = this.pools.fixed(2);
		ThreadPoolExecutor childPool = this.pools.fixed(1);
		ParallelTaskTemplate parent = ParallelTaskTemplate.builder(parentPool).build();
		ParallelTaskTemplate child = ParallelTaskTemplate.builder(childPool).build();
		CountDownLatch childStarted = new CountDownLatch(1);
		CountDownLatch sawCancel = new CountDownLatch(1);
		Callable<String> spinning = () -> {
			childStarted.countDown();
			while (!ParallelTaskTemplate.isCancelled()) {
				Thread.onSpinWait();
			}
			sawCancel.countDown();
			return "stopped";
		};
		List<Callable<?>> tasks = List.of(() -> child.invokeAll(List.of(spinning)),
				throwingAfter(childStarted, new FatalTestException("boom")));
		catchThrowableOfType(FatalTaskException.class, () -> parent.invokeAll(tasks));
		assertThat(sawCancel.getCount()).isZero();
		TestPools.awaitIdle(parentPool);
		TestPools.awaitIdle(childPool);
	}

	@Test
	void isCancelledIsFalseOutsideOfAnyTaskAndInATaskOfAnOpenBatch() {
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(this.pools.fixed(1)).build();
		assertThat(ParallelTaskTemplate.isCancelled()).isFalse();
		ParallelResult<Boolean> result = template.invokeAll(List.of(ParallelTaskTemplate::isCancelled));
		assertThat(result.values()).containsExactly(false);
	}

}
