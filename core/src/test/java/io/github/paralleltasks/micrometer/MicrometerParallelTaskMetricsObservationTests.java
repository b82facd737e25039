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

package io.github.paralleltasks.micrometer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelResult;
import io.github.paralleltasks.ParallelTask;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.ParallelTimeoutException;
import io.github.paralleltasks.Subtask;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.ObservationContextAssert;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the observations that {@link MicrometerParallelTaskMetrics} makes: one of
 * each batch, parent of one of each task.
 *
 * @author parallel-tasks authors
 */
class MicrometerParallelTaskMetricsObservationTests {

	private final ExecutorService pool = Executors.newFixedThreadPool(3);

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final MicrometerParallelTaskMetrics metrics = new MicrometerParallelTaskMetrics(this.meters,
			this.observations);

	private final ParallelTaskTemplate template = ParallelTaskTemplate.builder(this.pool)
		.metrics(this.metrics)
		.build()
		.batch("checkout");

	@AfterEach
	void shutDownPool() throws InterruptedException {
		this.pool.shutdownNow();
		assertThat(this.pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void batchObservationIsTheParentOfEachTaskObservation() {
		ParallelResult<String> result = this.template.invokeAll(
				List.of(ParallelTask.named("prices", () -> "12.50"), ParallelTask.named("recommendations", () -> {
					throw new IllegalStateException("recommendations timed out");
				})));
		assertThat(result.values()).containsExactly("12.50");
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasNumberOfObservationsEqualTo(3)
			.hasNumberOfObservationsWithNameEqualTo("parallel.tasks.task", 2)
			.hasObservationWithNameEqualTo("parallel.tasks.batch")
			.that()
			.hasBeenStarted()
			.hasBeenStopped()
			.hasContextualNameEqualTo("batch checkout")
			.hasLowCardinalityKeyValue("batch", "checkout")
			.hasLowCardinalityKeyValue("outcome", "partial")
			.hasHighCardinalityKeyValue("batch.size", "2")
			.doesNotHaveParentObservation()
			.doesNotHaveError();
		BatchObservationContext batch = batchContext();
		// The outcome key value is computed when the observation stops
		ObservationContextAssert.assertThat(taskContext("prices"))
			.hasNameEqualTo("parallel.tasks.task")
			.hasContextualNameEqualTo("task prices")
			.hasLowCardinalityKeyValue("batch", "checkout")
			.hasLowCardinalityKeyValue("task", "prices")
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasHighCardinalityKeyValue("task.index", "0")
			.hasParentObservationContextMatching((parent) -> parent == batch)
			.doesNotHaveError();
		ObservationContextAssert.assertThat(taskContext("recommendations"))
			.hasContextualNameEqualTo("task recommendations")
			.hasLowCardinalityKeyValue("task", "recommendations")
			.hasLowCardinalityKeyValue("outcome", "failed")
			.hasHighCardinalityKeyValue("task.index", "1")
			.hasParentObservationContextMatching((parent) -> parent == batch)
			.assertThatError()
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("recommendations timed out");
	}

	@Test
	void fatalTaskAndItsBatchCarryTheErrorAndTheCancelledSiblingDoesNot() {
		FatalTaskException exception = CheckoutScenario.run(this.template, this.meters);
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasNumberOfObservationsEqualTo(4)
			.hasObservationWithNameEqualTo("parallel.tasks.batch")
			.that()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("outcome", "fatal")
			.hasHighCardinalityKeyValue("batch.size", "3")
			.hasError(exception);
		BatchObservationContext batch = batchContext();
		ObservationContextAssert.assertThat(taskContext("recommendations"))
			.hasLowCardinalityKeyValue("outcome", "failed")
			.hasParentObservationContextMatching((parent) -> parent == batch)
			.assertThatError()
			.isInstanceOf(IllegalStateException.class);
		ObservationContextAssert.assertThat(taskContext("payment"))
			.hasLowCardinalityKeyValue("outcome", "fatal")
			.hasParentObservationContextMatching((parent) -> parent == batch)
			.hasError(exception.getCause());
		ObservationContextAssert.assertThat(taskContext("inventory"))
			.hasLowCardinalityKeyValue("outcome", "cancelled")
			.hasParentObservationContextMatching((parent) -> parent == batch)
			.doesNotHaveError();
	}

	@Test
	void timedOutBatchCarriesTheTimeoutAndItsTaskIsCancelled() {
		assertThatExceptionOfType(ParallelTimeoutException.class)
			.isThrownBy(() -> this.template.invokeAll(List.of(ParallelTask.named("slow", () -> {
				Thread.sleep(TimeUnit.SECONDS.toMillis(20));
				return "late";
			})), Duration.ofMillis(300)))
			.satisfies((ex) -> {
				assertThat(ex.getResult().subtask(0).state()).isEqualTo(Subtask.State.CANCELLED);
				ObservationContextAssert.assertThat(batchContext())
					.hasLowCardinalityKeyValue("outcome", "timeout")
					.hasError(ex);
			});
		ObservationContextAssert.assertThat(taskContext("slow"))
			.hasLowCardinalityKeyValue("outcome", "cancelled")
			.doesNotHaveError();
	}

	@Test
	void predicateSeesTheBatchObservationAsTheParentOfATaskObservation() throws Exception {
		List<Observation.ContextView> parentsSeen = new CopyOnWriteArrayList<>();
		this.observations.observationConfig().observationPredicate((name, context) -> {
			if (context instanceof TaskObservationContext && context.getParentObservation() != null) {
				parentsSeen.add(context.getParentObservation().getContextView());
			}
			return true;
		});
		// The caller's observation is current on the task's thread too, as with context
		// propagation: still the batch is the parent the predicate sees
		Observation caller = Observation.start("checkout.request", this.observations);
		try (Observation.Scope scope = caller.openScope()) {
			ParallelTaskTemplate propagating = ParallelTaskTemplate.builder(this.pool)
				.metrics(this.metrics)
				.contextPropagator(() -> {
					Observation current = this.observations.getCurrentObservation();
					return () -> current.openScope()::close;
				})
				.build()
				.batch("checkout");
			propagating.invokeAll(List.of(ParallelTask.named("prices", () -> "12.50")));
		}
		caller.stop();
		assertThat(parentsSeen).containsExactly(batchContext());
		assertThat(taskContext("prices").getParentObservation().getContextView()).isSameAs(batchContext());
	}

	@Test
	void taskObservationIsCurrentWhileTheTaskRunsAndIsGoneFromItsThreadAfterwards() throws Exception {
		this.template.invokeAll(List.of(ParallelTask.named("stock",
				() -> Observation.createNotStarted("warehouse.lookup", this.observations).observe(() -> 42))));
		TaskObservationContext task = taskContext("stock");
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("warehouse.lookup")
			.that()
			.hasParentObservationContextMatching((parent) -> parent == task);
		CyclicBarrier allThreads = new CyclicBarrier(3);
		List<Callable<Observation>> currentOnEachThread = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			currentOnEachThread.add(() -> {
				allThreads.await(10, TimeUnit.SECONDS);
				return this.observations.getCurrentObservation();
			});
		}
		for (Future<Observation> current : this.pool.invokeAll(currentOnEachThread)) {
			assertThat(current.get(10, TimeUnit.SECONDS)).isNull();
		}
	}

	@Test
	void scopeBatchHasNoExpectedSizeAndIndexesItsTasksInForkOrder() {
		ParallelResult<Object> result = this.template.execute((scope) -> {
			scope.fork("prices", () -> "12.50");
			scope.fork("stock", () -> 3);
			return scope.join();
		});
		assertThat(result.values()).containsExactly("12.50", 3);
		ObservationContextAssert.assertThat(batchContext())
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasHighCardinalityKeyValue("batch.size", "0");
		ObservationContextAssert.assertThat(taskContext("prices")).hasHighCardinalityKeyValue("task.index", "0");
		ObservationContextAssert.assertThat(taskContext("stock")).hasHighCardinalityKeyValue("task.index", "1");
	}

	@Test
	void unnamedBatchAndTasksAreTaggedUnnamedAndNamedByIndexInContextualNames() {
		ParallelTaskTemplate unnamed = ParallelTaskTemplate.builder(this.pool).metrics(this.metrics).build();
		assertThat(unnamed.invokeAll(List.of(() -> "a")).values()).containsExactly("a");
		ObservationContextAssert.assertThat(batchContext())
			.hasContextualNameEqualTo("batch unnamed")
			.hasLowCardinalityKeyValue("batch", "unnamed");
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("parallel.tasks.task")
			.that()
			.hasContextualNameEqualTo("task task-0")
			.hasLowCardinalityKeyValue("task", "unnamed");
	}

	@Test
	void replacedConventionsNameTheObservationsAndTheirKeyValues() {
		this.metrics.setBatchObservationConvention(new ShopConventions.ShopBatchConvention());
		this.metrics.setTaskObservationConvention(new ShopConventions.ShopTaskConvention());
		this.template.invokeAll(List.of(ParallelTask.named("prices", () -> "12.50")));
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasNumberOfObservationsEqualTo(2)
			.hasObservationWithNameEqualTo("shop.batch")
			.that()
			.hasLowCardinalityKeyValue("flow", "checkout")
			.doesNotHaveLowCardinalityKeyValueWithKey("batch")
			.backToTestObservationRegistry()
			.hasObservationWithNameEqualTo("shop.task")
			.that()
			.hasLowCardinalityKeyValue("step", "prices")
			.hasLowCardinalityKeyValue("ok", "true");
		assertThat(this.meters.find("parallel.tasks.batch").meters()).isEmpty();
	}

	private BatchObservationContext batchContext() {
		return single(BatchObservationContext.class, null);
	}

	private TaskObservationContext taskContext(String taskName) {
		return single(TaskObservationContext.class, taskName);
	}

	private <C extends Observation.Context> C single(Class<C> type, String taskName) {
		List<C> matching = new ArrayList<>();
		TestObservationRegistryAssert.assertThat(this.observations).hasHandledContextsThatSatisfy((contexts) -> {
			for (Observation.Context context : contexts) {
				if (type.isInstance(context)
						&& (taskName == null || taskName.equals(((TaskObservationContext) context).getTaskName()))) {
					matching.add(type.cast(context));
				}
			}
		});
		assertThat(matching).hasSize(1);
		return matching.get(0);
	}

}
