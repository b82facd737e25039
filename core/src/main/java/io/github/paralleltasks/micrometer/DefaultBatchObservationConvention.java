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

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.github.paralleltasks.metrics.BatchOutcome;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * Default {@link BatchObservationConvention}: observation
 * {@value ParallelTaskMetricNames#BATCH} with the low-cardinality key values
 * {@code batch} and {@code outcome}, and the high-cardinality key value
 * {@code batch.size}.
 *
 * <p>
 * The key values and the contextual name of each batch name, and the {@code batch.size}
 * key values of the smaller sizes, are built once and kept: every batch asks for its key
 * values at its start and at its end.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public class DefaultBatchObservationConvention implements BatchObservationConvention {

	/**
	 * The shared instance.
	 */
	public static final DefaultBatchObservationConvention INSTANCE = new DefaultBatchObservationConvention();

	private static final BatchOutcome[] OUTCOMES = BatchOutcome.values();

	private static final int CACHED_SIZES = 1024;

	/** The high-cardinality key values of the smaller sizes. */
	private final IntKeyedCache<KeyValues> sizes = new IntKeyedCache<>(CACHED_SIZES,
			DefaultBatchObservationConvention::sizeKeyValues);

	/** The contextual name and low-cardinality key values of each batch tag. */
	private final Map<String, Named> names = new ConcurrentHashMap<>();

	@Override
	public String getName() {
		return ParallelTaskMetricNames.BATCH;
	}

	@Override
	public String getContextualName(BatchObservationContext context) {
		return named(context).contextualName;
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(BatchObservationContext context) {
		return named(context).keyValues(context.getOutcome());
	}

	private Named named(BatchObservationContext context) {
		String batch = ParallelTaskMetricNames.nameOrUnnamed(context.getBatchName());
		Named named = this.names.get(batch);
		return (named != null) ? named : this.names.computeIfAbsent(batch, Named::new);
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(BatchObservationContext context) {
		return this.sizes.get(context.getExpectedSize());
	}

	private static KeyValues sizeKeyValues(int size) {
		return KeyValues.of("batch.size", Integer.toString(size));
	}

	/**
	 * The contextual name and the low-cardinality key values of one batch tag.
	 */
	private static final class Named {

		private final String batch;

		private final String contextualName;

		/**
		 * The key values by outcome, the last slot without one; built when first needed.
		 */
		private final AtomicReferenceArray<KeyValues> keyValues = new AtomicReferenceArray<>(OUTCOMES.length + 1);

		Named(String batch) {
			this.batch = batch;
			this.contextualName = "batch " + batch;
		}

		KeyValues keyValues(@Nullable BatchOutcome outcome) {
			int slot = (outcome != null) ? outcome.ordinal() : OUTCOMES.length;
			KeyValues values = this.keyValues.get(slot);
			if (values == null) {
				values = KeyValues.of(ParallelTaskMetricNames.BATCH_TAG, this.batch,
						ParallelTaskMetricNames.OUTCOME_TAG, (outcome != null) ? outcome.tagValue() : "unknown");
				this.keyValues.set(slot, values);
			}
			return values;
		}

	}

}
