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

import io.github.paralleltasks.Subtask;
import io.github.paralleltasks.metrics.BatchOutcome;
import io.micrometer.common.KeyValues;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DefaultBatchObservationConvention} and
 * {@link DefaultTaskObservationConvention}, which keep what they build: the values must
 * be those of the context asked about, whether built or kept.
 *
 * @author parallel-tasks authors
 */
class DefaultObservationConventionsTests {

	private final DefaultBatchObservationConvention batches = new DefaultBatchObservationConvention();

	private final DefaultTaskObservationConvention tasks = new DefaultTaskObservationConvention();

	@Test
	void batchKeyValuesFollowTheOutcomeAndAreKeptPerBatchName() {
		BatchObservationContext context = new BatchObservationContext("checkout", 16);
		KeyValues running = this.batches.getLowCardinalityKeyValues(context);
		assertThat(running).isEqualTo(KeyValues.of("batch", "checkout", "outcome", "unknown"));
		context.setOutcome(BatchOutcome.PARTIAL);
		assertThat(this.batches.getLowCardinalityKeyValues(context))
			.isEqualTo(KeyValues.of("batch", "checkout", "outcome", "partial"));
		assertThat(this.batches.getLowCardinalityKeyValues(new BatchObservationContext("checkout", 3)))
			.isSameAs(running);
		assertThat(this.batches.getLowCardinalityKeyValues(new BatchObservationContext(null, 3)))
			.isEqualTo(KeyValues.of("batch", "unnamed", "outcome", "unknown"));
	}

	@Test
	void batchContextualNameAndSizeAreThoseOfTheBatch() {
		assertThat(this.batches.getContextualName(new BatchObservationContext("checkout", 0)))
			.isEqualTo("batch checkout");
		assertThat(this.batches.getContextualName(new BatchObservationContext(null, 0))).isEqualTo("batch unnamed");
		for (int size : new int[] { 0, 16, 1023, 1024, 100_000 }) {
			BatchObservationContext context = new BatchObservationContext("checkout", size);
			assertThat(this.batches.getHighCardinalityKeyValues(context))
				.isEqualTo(KeyValues.of("batch.size", Integer.toString(size)));
			assertThat(this.batches.getHighCardinalityKeyValues(context))
				.isEqualTo(KeyValues.of("batch.size", Integer.toString(size)));
		}
	}

	@Test
	void taskContextualNamesAreThoseOfTheTaskAtEveryIndex() {
		for (int index : new int[] { 0, 7, 1023, 1024, 5000 }) {
			TaskObservationContext unnamed = new TaskObservationContext("checkout", null, index);
			assertThat(this.tasks.getContextualName(unnamed)).isEqualTo("task task-" + index);
			assertThat(this.tasks.getContextualName(unnamed)).isEqualTo("task task-" + index);
		}
		TaskObservationContext prices = new TaskObservationContext("checkout", "prices", 0);
		String name = this.tasks.getContextualName(prices);
		assertThat(name).isEqualTo("task prices");
		assertThat(this.tasks.getContextualName(new TaskObservationContext(null, "prices", 3))).isSameAs(name);
	}

	@Test
	void taskKeyValuesFollowTheState() {
		TaskObservationContext context = new TaskObservationContext("checkout", "prices", 2);
		assertThat(this.tasks.getLowCardinalityKeyValues(context))
			.isEqualTo(KeyValues.of("batch", "checkout", "task", "prices", "outcome", "unknown"));
		context.setState(Subtask.State.FAILED);
		assertThat(this.tasks.getLowCardinalityKeyValues(context))
			.isEqualTo(KeyValues.of("batch", "checkout", "task", "prices", "outcome", "failed"));
		assertThat(this.tasks.getHighCardinalityKeyValues(context)).isEqualTo(KeyValues.of("task.index", "2"));
	}

}
