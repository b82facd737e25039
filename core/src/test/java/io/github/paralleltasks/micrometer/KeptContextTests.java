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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Tests for {@link KeptKeyValuesContext} and {@link KeptEntriesContext}: after any
 * sequence of changes, a task's context reads as a plain {@code Observation.Context}
 * given the same changes.
 *
 * @author parallel-tasks authors
 */
class KeptContextTests {

	private static final List<String> KEY_VALUE_KEYS = List.of("batch", "task", "outcome", "region", "ok", "task.index",
			"user");

	private static final List<Object> ENTRY_KEYS = List.of("sample", "longTaskSample", Integer.class, "other");

	private static final KeyValues STARTED = KeyValues.of("batch", "checkout", "task", "prices", "outcome", "unknown");

	private static final KeyValues STOPPED = KeyValues.of("batch", "checkout", "task", "prices", "outcome", "success");

	private static final KeyValues INDEX = KeyValues.of("task.index", "0");

	@Test
	void contextOfThisMicrometerHasOnlyTheMethodsKnown() {
		// If this fails, a Micrometer upgrade changed the methods of Observation.Context:
		// override any new one that reaches its maps in KeptKeyValuesContext or
		// KeptEntriesContext and add it to ContextMethods; until then nothing is kept
		assertThat(ContextMethods.known()).isTrue();
	}

	@Test
	void conventionsKeyValuesAtStartAndStopReadAsAPlainContexts() {
		readsAsAPlainContext((context) -> {
			context.addLowCardinalityKeyValues(STARTED);
			context.addHighCardinalityKeyValues(INDEX);
		}, (context) -> {
			context.addLowCardinalityKeyValues(STOPPED);
			context.addHighCardinalityKeyValues(INDEX);
		});
	}

	@Test
	void filterThatAddsOtherKeysReadsAsAPlainContexts() {
		readsAsAPlainContext((context) -> context.addLowCardinalityKeyValues(STARTED),
				(context) -> context.addLowCardinalityKeyValues(KeyValues.of("region", "eu")),
				(context) -> context.addLowCardinalityKeyValues(STOPPED),
				(context) -> context.addHighCardinalityKeyValues(KeyValues.of("user", "42")),
				(context) -> context.addHighCardinalityKeyValues(INDEX));
	}

	@Test
	void setWithoutAKeptKeyReadsAsAPlainContexts() {
		readsAsAPlainContext((context) -> context.addLowCardinalityKeyValues(STARTED),
				(context) -> context.addLowCardinalityKeyValues(KeyValues.of("batch", "other", "outcome", "failed")),
				(context) -> context.addLowCardinalityKeyValues(KeyValues.of("task", "stock")));
	}

	@Test
	void setWithMoreKeysIsKeptAndReadsAsAPlainContexts() {
		readsAsAPlainContext((context) -> context.addLowCardinalityKeyValues(KeyValues.of("task", "prices")),
				(context) -> context.addLowCardinalityKeyValues(STARTED),
				(context) -> context.addLowCardinalityKeyValues(STOPPED.and("ok", "true")));
	}

	@Test
	void singleAdditionsAndRemovalsReadAsAPlainContexts() {
		readsAsAPlainContext((context) -> context.addLowCardinalityKeyValues(STARTED),
				(context) -> context.addLowCardinalityKeyValue(KeyValue.of("region", "eu")),
				(context) -> context.addLowCardinalityKeyValues(STOPPED));
		readsAsAPlainContext((context) -> context.addLowCardinalityKeyValues(STOPPED),
				(context) -> context.removeLowCardinalityKeyValue("task"));
		readsAsAPlainContext((context) -> context.addLowCardinalityKeyValues(STOPPED),
				(context) -> context.removeLowCardinalityKeyValues("task", "batch"),
				(context) -> context.addHighCardinalityKeyValues(INDEX),
				(context) -> context.removeHighCardinalityKeyValues("task.index"));
		readsAsAPlainContext((context) -> context.addHighCardinalityKeyValues(INDEX),
				(context) -> context.addHighCardinalityKeyValue(KeyValue.of("user", "42")),
				(context) -> context.removeHighCardinalityKeyValue("task.index"));
	}

	@Test
	void filterOfTheRegistryTagsTheTimersOfTheTasks() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(meters))
			.observationFilter((context) -> context.addLowCardinalityKeyValue(KeyValue.of("region", "eu")));
		TaskObservationContext context = new TaskObservationContext("checkout", "prices", 0);
		Observation.createNotStarted(null, DefaultTaskObservationConvention.INSTANCE, () -> context, observations)
			.start()
			.stop();
		assertThat(meters.get("parallel.tasks.task")
			.tags(Tags.of("batch", "checkout", "task", "prices", "outcome", "unknown", "error", "none", "region", "eu"))
			.timer()
			.count()).isEqualTo(1);
		assertThat(meters.get("parallel.tasks.task.active")
			.tags(Tags.of("batch", "checkout", "task", "prices", "outcome", "unknown"))
			.longTaskTimers()).hasSize(1);
	}

	@Test
	void twoEntriesReplacedAndRemovedReadAsAPlainContexts() {
		readsAsAPlainContext((context) -> context.put("sample", 1), (context) -> context.put("longTaskSample", 2),
				(context) -> context.put("sample", 3), (context) -> context.remove("sample"),
				(context) -> context.put("longTaskSample", 4), (context) -> context.put(Integer.class, 5),
				(context) -> context.remove("other"), (context) -> context.remove("longTaskSample"),
				(context) -> context.put("sample", 6), (context) -> context.clear(),
				(context) -> context.put("other", 7));
	}

	@Test
	void thirdEntryMovesThemAllToTheMap() {
		readsAsAPlainContext((context) -> context.put("sample", 1), (context) -> context.put("longTaskSample", 2),
				(context) -> context.put(Integer.class, 3), (context) -> context.remove("sample"),
				(context) -> context.put("other", 4), (context) -> context.clear(),
				(context) -> context.put("sample", 5));
	}

	@Test
	void computeIfAbsentReadsAsAPlainContexts() {
		readsAsAPlainContext((context) -> context.put("sample", 1),
				(context) -> context.computeIfAbsent("sample", (key) -> 2),
				(context) -> context.computeIfAbsent("other", (key) -> 3),
				(context) -> context.computeIfAbsent(Integer.class, (key) -> null));
	}

	@Test
	void toStringShowsTheEntriesAsAPlainContexts() {
		Observation.Context plain = new Observation.Context();
		TaskObservationContext kept = new TaskObservationContext("checkout", "prices", 0);
		for (Observation.Context context : List.of(plain, kept)) {
			context.put("a", 1);
			context.put("b", 2);
		}
		assertThat(kept.toString()).isEqualTo(plain.toString()).contains("a='1'", "b='2'");
		assertThat(kept.<Integer>get("b")).isEqualTo(2);
	}

	@Test
	void missingEntriesAndNullsFailAsAPlainContexts() {
		TaskObservationContext kept = new TaskObservationContext("checkout", "prices", 0);
		assertThatIllegalArgumentException().isThrownBy(() -> kept.getRequired("sample"))
			.withMessage("Context does not have an entry for key [sample]");
		assertThatNullPointerException().isThrownBy(() -> kept.put("sample", null));
		assertThatNullPointerException().isThrownBy(() -> kept.get(null));
		assertThat(kept.getOrDefault("sample", 9)).isEqualTo(9);
		assertThat(kept.getOrDefault("sample", () -> 10)).isEqualTo(10);
	}

	@Test
	void changesFromManyThreadsAtOnceAreAllKept() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			for (int round = 0; round < 1000; round++) {
				TaskObservationContext context = new TaskObservationContext("checkout", "prices", 0);
				CyclicBarrier together = new CyclicBarrier(4);
				List<Future<?>> changes = new ArrayList<>();
				for (int thread = 0; thread < 4; thread++) {
					String name = "thread" + thread;
					changes.add(threads.submit(() -> {
						together.await(10, TimeUnit.SECONDS);
						context.addLowCardinalityKeyValues(STARTED);
						context.addLowCardinalityKeyValue(KeyValue.of(name, "low"));
						context.addHighCardinalityKeyValues(KeyValues.of(name, "high"));
						for (int entry = 0; entry < 3; entry++) {
							context.put(name + "-" + entry, entry);
						}
						return null;
					}));
				}
				for (Future<?> change : changes) {
					change.get(10, TimeUnit.SECONDS);
				}
				for (int thread = 0; thread < 4; thread++) {
					String name = "thread" + thread;
					assertThat(context.getLowCardinalityKeyValue(name)).isEqualTo(KeyValue.of(name, "low"));
					assertThat(context.getHighCardinalityKeyValue(name)).isEqualTo(KeyValue.of(name, "high"));
					for (int entry = 0; entry < 3; entry++) {
						assertThat(context.<Integer>get(name + "-" + entry)).isEqualTo(entry);
					}
				}
				assertThat(context.getLowCardinalityKeyValues().stream().map(KeyValue::getKey))
					.containsAll(List.of("batch", "task", "outcome"));
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void entriesPutAndRemovedByTwoThreadsAtOnceAreNeverLost() throws Exception {
		TaskObservationContext context = new TaskObservationContext("checkout", "prices", 0);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			CyclicBarrier together = new CyclicBarrier(2);
			List<Future<Integer>> lost = new ArrayList<>();
			for (String key : List.of("sample", "longTaskSample")) {
				lost.add(threads.submit(() -> {
					together.await(10, TimeUnit.SECONDS);
					int misses = 0;
					for (int i = 0; i < 20_000; i++) {
						context.put(key, i);
						Integer kept = context.get(key);
						misses += (kept == null || kept != i) ? 1 : 0;
						context.remove(key);
					}
					return misses;
				}));
			}
			for (Future<Integer> misses : lost) {
				assertThat(misses.get(30, TimeUnit.SECONDS)).isZero();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@SafeVarargs
	private void readsAsAPlainContext(Consumer<Observation.Context>... changes) {
		Observation.Context plain = new Observation.Context();
		TaskObservationContext kept = new TaskObservationContext("checkout", "prices", 0);
		for (Consumer<Observation.Context> change : changes) {
			change.accept(plain);
			change.accept(kept);
			assertThat(kept.getLowCardinalityKeyValues()).isEqualTo(plain.getLowCardinalityKeyValues());
			assertThat(kept.getHighCardinalityKeyValues()).isEqualTo(plain.getHighCardinalityKeyValues());
			assertThat(kept.getAllKeyValues()).isEqualTo(plain.getAllKeyValues());
			for (String key : KEY_VALUE_KEYS) {
				assertThat(kept.getLowCardinalityKeyValue(key)).isEqualTo(plain.getLowCardinalityKeyValue(key));
				assertThat(kept.getHighCardinalityKeyValue(key)).isEqualTo(plain.getHighCardinalityKeyValue(key));
			}
			for (Object key : ENTRY_KEYS) {
				assertThat(kept.<Object>get(key)).isEqualTo(plain.get(key));
				assertThat(kept.containsKey(key)).isEqualTo(plain.containsKey(key));
				assertThat(kept.<Object>getOrDefault(key, "none")).isEqualTo(plain.<Object>getOrDefault(key, "none"));
				if (plain.containsKey(key)) {
					assertThat(kept.<Object>getRequired(key)).isEqualTo(plain.getRequired(key));
				}
			}
		}
	}

}
