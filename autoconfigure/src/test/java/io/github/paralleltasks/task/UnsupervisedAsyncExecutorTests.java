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

package io.github.paralleltasks.task;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.paralleltasks.AsyncCall;
import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.Subtask;
import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.task.AsyncFixtures.AsyncWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of the documented limitation of {@code @Async} calls on executors that
 * parallel-tasks does not decorate: with
 * {@code parallel-tasks.async.supervise-executors=false}, or on a plain
 * {@link ExecutorService} bean, a cancel can only cancel the call's future, and the call
 * goes on running.
 *
 * @author parallel-tasks authors
 */
@ExtendWith(OutputCaptureExtension.class)
class UnsupervisedAsyncExecutorTests {

	private final ApplicationContextRunner contextRunner = AsyncFixtures.contextRunner()
		.withUserConfiguration(PlainExecutorConfiguration.class)
		.withPropertyValues("spring.task.execution.pool.core-size=3");

	@Test
	void fatalErrorCannotInterruptCallOnExecutorNotSupervisedByConfiguration(CapturedOutput output) {
		this.contextRunner.withPropertyValues("parallel-tasks.async.supervise-executors=false").run((context) -> {
			assertThat(context).doesNotHaveBean(AsyncSupervisionBeanPostProcessor.class);
			ThreadPoolExecutor pool = context.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class)
				.getThreadPoolExecutor();
			assertFatalErrorCancelsFutureButCallGoesOn(context, pool, output);
		});
	}

	@Test
	void fatalErrorCannotInterruptCallOnPlainExecutorService(CapturedOutput output) {
		this.contextRunner.withPropertyValues(AsyncFixtures.EXECUTOR_PROPERTY + "=plainExecutor").run((context) -> {
			assertThat(context).hasSingleBean(AsyncSupervisionBeanPostProcessor.class);
			ThreadPoolExecutor pool = context.getBean("plainExecutor", ThreadPoolExecutor.class);
			AsyncScenario scenario = assertFatalErrorCancelsFutureButCallGoesOn(context, pool, output);
			assertThat(scenario.thread("sibling").getName()).startsWith("plain-");
		});
	}

	@Test
	void callReturningPlainFutureFromPlainExecutorServiceFailsAsItsEndCannotBeObserved() {
		this.contextRunner.withPropertyValues(AsyncFixtures.EXECUTOR_PROPERTY + "=plainExecutor").run((context) -> {
			AsyncWork work = context.getBean(AsyncWork.class);
			AsyncScenario scenario = new AsyncScenario(1, null);
			Subtask<?> report = template(context).execute((scope) -> {
				Subtask<String> call = scope.forkAsync("report", () -> work.sleepReturningFuture(scenario, "report"));
				scope.join();
				return call;
			});
			assertThat(report.state()).isEqualTo(State.FAILED);
			assertThat(report.exception()).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("from an executor that parallel-tasks does not supervise");
			// Its future was cancelled at once: the call either never started, or was
			// interrupted through its FutureTask
			ThreadPoolExecutor pool = context.getBean("plainExecutor", ThreadPoolExecutor.class);
			AsyncFixtures.waitUntil(() -> pool.getActiveCount() == 0 && pool.getCompletedTaskCount() == 1);
			assertThat(scenario.interrupted()).isEqualTo(scenario.entered());
			assertThat(scenario.finished()).isEmpty();
		});
	}

	private static AsyncScenario assertFatalErrorCancelsFutureButCallGoesOn(ApplicationContext context,
			ThreadPoolExecutor pool, CapturedOutput output) throws Exception {
		AsyncWork work = context.getBean(AsyncWork.class);
		AsyncScenario scenario = new AsyncScenario(1, null);
		List<AsyncCall<String>> calls = List.of(() -> work.awaitRelease(scenario, "sibling"),
				() -> work.failFatally(scenario, "failer"));
		long start = System.nanoTime();
		assertThatExceptionOfType(FatalTaskException.class).isThrownBy(() -> template(context).awaitAll(calls))
			.satisfies((ex) -> assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
				.containsExactly(State.CANCELLED, State.FATAL));
		// The batch ends at once, as the sibling's future was cancelled...
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FatalErrorScenarios.BATCH_DURATION);
		assertThat(output).contains("Call 'task-0' was cancelled, but no thread of it could be interrupted");
		// ...but the sibling was not interrupted: it still waits, on a busy thread
		Thread sibling = scenario.thread("sibling");
		assertThat(sibling.isAlive()).isTrue();
		assertThat(sibling.isInterrupted()).isFalse();
		assertThat(scenario.interrupted()).isEmpty();
		assertThat(scenario.finished()).isEmpty();
		AsyncFixtures.waitUntil(() -> pool.getActiveCount() == 1);
		// Released, it ends normally, which it could not do had it been interrupted
		scenario.release();
		AsyncFixtures.waitUntil(() -> scenario.finished().contains("sibling"));
		assertThat(scenario.interrupted()).isEmpty();
		AsyncFixtures.waitUntil(() -> pool.getActiveCount() == 0);
		return scenario;
	}

	private static ParallelTaskTemplate template(ApplicationContext context) {
		return context.getBean(ParallelTaskTemplate.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class PlainExecutorConfiguration {

		@Bean(defaultCandidate = false, destroyMethod = "shutdownNow")
		ExecutorService plainExecutor() {
			AtomicInteger count = new AtomicInteger();
			return Executors.newFixedThreadPool(2, (task) -> new Thread(task, "plain-" + count.incrementAndGet()));
		}

	}

}
