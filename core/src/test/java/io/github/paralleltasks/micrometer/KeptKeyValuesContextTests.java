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

import java.util.List;
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

/**
 * Tests for {@link KeptKeyValuesContext}: after any sequence of changes, a task's context
 * reads as a plain {@code Observation.Context} given the same changes.
 *
 * @author parallel-tasks authors
 */
class KeptKeyValuesContextTests {

	private static final KeyValues STARTED = KeyValues.of("batch", "checkout", "task", "prices", "outcome", "unknown");

	private static final KeyValues STOPPED = KeyValues.of("batch", "checkout", "task", "prices", "outcome", "success");

	private static final KeyValues INDEX = KeyValues.of("task.index", "0");

	@Test
	void contextOfThisMicrometerHasOnlyTheKeyValueMethodsKnown() {
		// If this fails, a Micrometer upgrade added a method on key values: override it
		// in KeptKeyValuesContext and add it to the known ones; until then nothing is
		// kept, and every key value goes into the maps
		assertThat(KeptKeyValuesContext.onlyKnownKeyValueMethods()).isTrue();
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
			for (String key : List.of("batch", "task", "outcome", "region", "ok", "task.index", "user")) {
				assertThat(kept.getLowCardinalityKeyValue(key)).isEqualTo(plain.getLowCardinalityKeyValue(key));
				assertThat(kept.getHighCardinalityKeyValue(key)).isEqualTo(plain.getHighCardinalityKeyValue(key));
			}
		}
	}

}
