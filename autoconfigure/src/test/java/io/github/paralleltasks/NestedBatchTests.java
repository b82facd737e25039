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
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for batches started by tasks of another batch on the same bounded pool.
 *
 * @author parallel-tasks authors
 */
class NestedBatchTests {

	private final ExecutorService pool = Executors.newFixedThreadPool(2);

	private final ParallelTaskTemplate template = ParallelTaskTemplate.builder(this.pool).build();

	@AfterEach
	void shutDownPool() throws InterruptedException {
		this.pool.shutdownNow();
		assertThat(this.pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	@Timeout(30)
	void nestedBatchesOnAPoolOfTwoThreadsDoNotStarve() {
		List<Callable<List<Integer>>> parents = new ArrayList<>();
		for (int p = 0; p < 4; p++) {
			int parent = p;
			parents.add(() -> {
				List<Callable<Integer>> children = new ArrayList<>();
				for (int c = 0; c < 4; c++) {
					int child = c;
					children.add(() -> parent * 10 + child);
				}
				return this.template.invokeAll(children).values();
			});
		}
		ParallelResult<List<Integer>> result = this.template.invokeAll(parents);
		assertThat(result.values()).containsExactly(List.of(0, 1, 2, 3), List.of(10, 11, 12, 13),
				List.of(20, 21, 22, 23), List.of(30, 31, 32, 33));
	}

	@Test
	@Timeout(30)
	void cancellingTheParentCancelsTheChildBatchAndItsTasks() {
		CountDownLatch childrenRunning = new CountDownLatch(2);
		Set<String> interrupted = ConcurrentHashMap.newKeySet();
		ExecutorService childPool = Executors.newFixedThreadPool(2);
		ParallelTaskTemplate childTemplate = ParallelTaskTemplate.builder(childPool).build();
		try {
			Callable<String> parentTask = () -> childTemplate
				.<String>invokeAll(List.of(sleeper("child-0", childrenRunning, interrupted),
						sleeper("child-1", childrenRunning, interrupted)))
				.values()
				.get(0);
			Callable<String> failing = () -> {
				childrenRunning.await();
				throw new FatalTestException();
			};
			assertThatExceptionOfType(FatalTaskException.class)
				.isThrownBy(() -> this.template.invokeAll(
						List.of(ParallelTask.named("parent", parentTask), ParallelTask.named("failing", failing))))
				.satisfies((ex) -> assertThat(ex.getResult().subtask(0).state()).isEqualTo(Subtask.State.CANCELLED));
			assertThat(interrupted).containsExactlyInAnyOrder("child-0", "child-1");
		}
		finally {
			childPool.shutdownNow();
		}
	}

	@Test
	@Timeout(30)
	void childFatalErrorIsFatalToTheParentWhenTheParentsPolicySaysSo() {
		Callable<String> parentTask = () -> this.template.<String>invokeAll(List.of(ParallelTask.named("child", () -> {
			throw new FatalTestException();
		}))).values().get(0);
		assertThatExceptionOfType(FatalTaskException.class)
			.isThrownBy(() -> this.template.invokeAll(List.of(ParallelTask.named("parent", parentTask))))
			.satisfies((ex) -> {
				assertThat(ex.taskName()).isEqualTo("parent");
				assertThat(ex.getCause()).isInstanceOf(FatalTaskException.class)
					.hasCauseInstanceOf(FatalTestException.class);
			});
	}

	@Test
	@Timeout(30)
	void childFatalErrorIsToleratedByAParentWhosePolicyDoesNotCallItFatal() {
		ParallelTaskTemplate strictChild = ParallelTaskTemplate.builder(this.pool)
			.fatalErrorPolicy(FatalErrorPolicy.of(List.of(IllegalStateException.class)))
			.build();
		Callable<String> parentTask = () -> strictChild.<String>invokeAll(List.of(ParallelTask.named("child", () -> {
			throw new IllegalStateException("fatal to the child only");
		}))).values().get(0);
		ParallelResult<String> result = this.template
			.invokeAll(List.of(ParallelTask.named("parent", parentTask), ParallelTask.named("sibling", () -> "done")));
		assertThat(result.values()).containsExactly("done");
		assertThat(result.failures()).singleElement().satisfies((failure) -> {
			assertThat(failure.taskName()).isEqualTo("parent");
			assertThat(failure.exception()).isInstanceOf(FatalTaskException.class)
				.hasCauseInstanceOf(IllegalStateException.class);
		});
	}

	@Test
	@Timeout(30)
	void scopeLeftWithoutJoinStillReportsAFatalErrorThatHappened() {
		assertThatExceptionOfType(FatalTaskException.class).isThrownBy(() -> this.template.execute((scope) -> {
			scope.fork("failing", () -> {
				throw new FatalTestException();
			});
			while (!scope.isCancelled()) {
				Thread.onSpinWait();
			}
			return "left without join";
		})).satisfies((ex) -> assertThat(ex.taskName()).isEqualTo("failing"));
	}

	@Test
	@Timeout(30)
	void scopeCallbackThatThrowsCarriesAFatalErrorThatHappenedAsSuppressed() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.template.execute((scope) -> {
			scope.fork("failing", () -> {
				throw new FatalTestException();
			});
			while (!scope.isCancelled()) {
				Thread.onSpinWait();
			}
			throw new IllegalArgumentException("callback failed");
		}))
			.satisfies((ex) -> assertThat(ex.getSuppressed()).singleElement()
				.isInstanceOf(FatalTaskException.class)
				.satisfies((fatal) -> assertThat(fatal.getCause()).isInstanceOf(FatalTestException.class)));
	}

	private static ParallelTask<String> sleeper(String name, CountDownLatch running, Set<String> interrupted) {
		return ParallelTask.named(name, () -> {
			running.countDown();
			try {
				Thread.sleep(TimeUnit.SECONDS.toMillis(30));
				return name;
			}
			catch (InterruptedException ex) {
				interrupted.add(name);
				throw ex;
			}
		});
	}

	@FatalError
	static class FatalTestException extends RuntimeException {

	}

}
