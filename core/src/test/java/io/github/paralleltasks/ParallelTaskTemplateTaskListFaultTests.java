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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.metrics.BatchOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Fault tests of {@link ParallelTaskTemplate} given a task list that another thread
 * changes while batches run: each batch runs the tasks of one snapshot of the list, each
 * exactly once, and no other.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskTemplateTaskListFaultTests {

	private static final int BATCHES = 300;

	private static final int MAX_SIZE = 8;

	private final TestPools pools = new TestPools();

	private final RecordingParallelTaskMetrics metrics = new RecordingParallelTaskMetrics();

	private final Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();

	private final Map<Integer, Integer> expectedRuns = new ConcurrentHashMap<>();

	private final AtomicInteger totalRuns = new AtomicInteger();

	private final AtomicBoolean stop = new AtomicBoolean();

	@AfterEach
	void shutdownPools() throws InterruptedException {
		this.stop.set(true);
		this.pools.close();
	}

	static Stream<Arguments> threadSafeLists() {
		Supplier<List<Callable<Integer>>> copyOnWrite = CopyOnWriteArrayList::new;
		Supplier<List<Callable<Integer>>> synchronizedList = () -> Collections.synchronizedList(new ArrayList<>());
		return Stream.of(Arguments.of("CopyOnWriteArrayList", copyOnWrite),
				Arguments.of("synchronized ArrayList", synchronizedList));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("threadSafeLists")
	void threadSafeListChangedByAnotherThreadWhileBatchesRunGivesEachBatchOneSnapshotRunOnce(String description,
			Supplier<List<Callable<Integer>>> factory) throws Exception {
		ThreadPoolExecutor pool = this.pools.fixed(4);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).metrics(this.metrics).build();
		List<Callable<Integer>> tasks = factory.get();
		CompletableFuture<Void> mutator = mutate(tasks);
		TestTasks.eventually().until(() -> !tasks.isEmpty());
		int tasksRun = 0;
		int snapshots = 0;
		// Until enough batches had tasks: the other thread may hold the list's lock
		for (int i = 0; i < BATCHES || snapshots < BATCHES / 2; i++) {
			ParallelResult<Integer> result = template.invokeAll(tasks);
			snapshots += (result.size() > 0) ? 1 : 0;
			List<Integer> ids = result.values();
			assertThat(result.subtasks()).extracting(Subtask::state).isSubsetOf(State.SUCCESS);
			assertThat(ids).hasSize(result.size());
			// The list only grows between clears: a snapshot is a run of consecutive ids
			for (int k = 1; k < ids.size(); k++) {
				assertThat(ids.get(k)).as("id after %s in %s", ids.get(k - 1), ids).isEqualTo(ids.get(k - 1) + 1);
			}
			tasksRun += ranOnceEach(ids);
		}
		this.stop.set(true);
		mutator.get(TestTasks.WAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(this.totalRuns).as("tasks run, in all").hasValue(tasksRun);
		assertThat(this.metrics.outcomes()).hasSize((int) this.metrics.batches(BatchOutcome.SUCCESS));
		TestPools.awaitIdle(pool);
	}

	@Test
	void plainArrayListChangedByAnotherThreadIsRunAsASnapshotOrRejectedWithTheIndexOfAGap() throws Exception {
		ThreadPoolExecutor pool = this.pools.fixed(4);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).metrics(this.metrics).build();
		// Not thread-safe: its array may be read while another thread clears it
		List<Callable<Integer>> tasks = new ArrayList<>();
		CompletableFuture<Void> mutator = mutate(tasks);
		TestTasks.eventually().until(() -> !tasks.isEmpty());
		int tasksRun = 0;
		for (int i = 0; i < BATCHES; i++) {
			int runsBefore = this.totalRuns.get();
			AtomicReference<ParallelResult<Integer>> result = new AtomicReference<>();
			Throwable thrown = catchThrowable(() -> result.set(template.invokeAll(tasks)));
			if (thrown instanceof NullPointerException) {
				assertThat(thrown).hasMessageMatching("Task at index \\d+ must not be null");
				assertThat(this.totalRuns).as("tasks run of a rejected list").hasValue(runsBefore);
				continue;
			}
			assertThat(thrown).isNull();
			assertThat(result.get().subtasks()).extracting(Subtask::state).isSubsetOf(State.SUCCESS);
			assertThat(result.get().values()).doesNotHaveDuplicates().hasSize(result.get().size());
			tasksRun += ranOnceEach(result.get().values());
		}
		this.stop.set(true);
		mutator.get(TestTasks.WAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(this.totalRuns).as("tasks run, in all").hasValue(tasksRun);
		TestPools.awaitIdle(pool);
	}

	/**
	 * Check that each of the given tasks ran exactly once more, and that no other task
	 * ran, since the last check.
	 * @return how many tasks ran
	 */
	private int ranOnceEach(List<Integer> ids) {
		for (Integer id : ids) {
			int expected = this.expectedRuns.merge(id, 1, Integer::sum);
			assertThat(this.runs.get(id)).as("runs of task %s", id).hasValue(expected);
		}
		assertThat(this.totalRuns).as("tasks run, in all")
			.hasValue(this.expectedRuns.values().stream().mapToInt(Integer::intValue).sum());
		return ids.size();
	}

	/**
	 * Add new tasks to the list, and clear it whenever it holds {@link #MAX_SIZE}, from
	 * another thread, until the test stops.
	 */
	private CompletableFuture<Void> mutate(List<Callable<Integer>> tasks) {
		return CompletableFuture.runAsync(() -> {
			int next = 0;
			while (!this.stop.get()) {
				if (tasks.size() >= MAX_SIZE) {
					tasks.clear();
				}
				tasks.add(task(next++));
				Thread.yield();
			}
		}, (runnable) -> new Thread(runnable, "list-mutator").start());
	}

	private Callable<Integer> task(int id) {
		AtomicInteger counter = new AtomicInteger();
		this.runs.put(id, counter);
		return ParallelTask.named("task " + id, () -> {
			counter.incrementAndGet();
			this.totalRuns.incrementAndGet();
			return id;
		});
	}

}
