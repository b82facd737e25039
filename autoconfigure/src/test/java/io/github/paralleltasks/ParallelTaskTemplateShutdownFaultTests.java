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
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

import io.github.paralleltasks.CallerThread.Outcome;
import io.github.paralleltasks.RecordingParallelTaskMetrics.Cancel;
import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.autoconfigure.ParallelTaskAutoConfiguration;
import io.github.paralleltasks.metrics.BatchOutcome;
import io.github.paralleltasks.metrics.CancelReason;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static io.github.paralleltasks.TestTasks.await;
import static io.github.paralleltasks.TestTasks.since;
import static io.github.paralleltasks.TestTasks.sleeper;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault tests of the auto-configured {@link ParallelTaskTemplate} when its application
 * context closes while batches are in flight: the batches are cancelled, and their
 * callers released within the cancel grace period, rather than the context waiting for
 * the slowest task.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskTemplateShutdownFaultTests {

	private static final Duration GRACE_PERIOD = Duration.ofSeconds(1);

	/**
	 * Far below {@link TestTasks#LONG_WORK}, far above {@link #GRACE_PERIOD}.
	 */
	private static final Duration RELEASED_WITHIN = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TaskExecutionAutoConfiguration.class, ParallelTaskAutoConfiguration.class))
		.withPropertyValues("parallel-tasks.cancel-grace-period=" + GRACE_PERIOD.toMillis() + "ms")
		.withBean(RecordingParallelTaskMetrics.class, RecordingParallelTaskMetrics::new);

	private final Collection<String> interrupted = new ConcurrentLinkedQueue<>();

	@Test
	void closingTheContextCancelsBatchesInFlightAndReleasesTheirCallersWithinTheGracePeriod() {
		this.contextRunner.run((context) -> {
			ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class).batch("in-flight");
			ThreadPoolTaskExecutor executor = context.getBean(
					TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME, ThreadPoolTaskExecutor.class);
			RecordingParallelTaskMetrics metrics = context.getBean(RecordingParallelTaskMetrics.class);
			CountDownLatch started = new CountDownLatch(3);
			List<Callable<String>> tasks = List.of(ParallelTask.named("a", sleeper("a", started, this.interrupted)),
					ParallelTask.named("b", sleeper("b", started, this.interrupted)),
					ParallelTask.named("c", sleeper("c", started, this.interrupted)));
			CallerThread caller = CallerThread.start(() -> template.invokeAll(tasks));
			await(started);
			long start = System.nanoTime();
			context.close();
			assertThat(since(start)).as("time to close the context").isLessThan(RELEASED_WITHIN);
			Outcome outcome = caller.outcome();
			assertThat(since(start)).as("time to release the caller").isLessThan(RELEASED_WITHIN);
			assertThat(outcome.exception()).isInstanceOf(ParallelShutdownException.class);
			ParallelResult<?> result = ((ParallelTaskException) outcome.exception()).getResult();
			assertThat(result.subtasks()).extracting(Subtask::state)
				.containsExactly(State.CANCELLED, State.CANCELLED, State.CANCELLED);
			assertThat(this.interrupted).containsExactlyInAnyOrder("a", "b", "c");
			assertThat(outcome.interrupted()).as("caller's interrupt flag").isFalse();
			assertThat(metrics.outcomes()).containsExactly(BatchOutcome.CANCELLED);
			// The reason that the shutdown lifecycle adds
			assertThat(metrics.cancels()).extracting(Cancel::reason).containsOnly(CancelReason.SHUTDOWN);
			assertThat(metrics.cancelled()).isEqualTo(3);
			TestTasks.eventually()
				.untilAsserted(() -> assertThat(executor.getThreadPoolExecutor().getActiveCount())
					.as("busy threads of the application task executor")
					.isZero());
		});
	}

}
