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

import io.github.paralleltasks.metrics.BatchOutcome;
import io.micrometer.common.KeyValues;

/**
 * Default {@link BatchObservationConvention}: observation
 * {@value ParallelTaskMetricNames#BATCH} with the low-cardinality key values
 * {@code batch} and {@code outcome}, and the high-cardinality key value
 * {@code batch.size}.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public class DefaultBatchObservationConvention implements BatchObservationConvention {

	/**
	 * The shared instance.
	 */
	public static final DefaultBatchObservationConvention INSTANCE = new DefaultBatchObservationConvention();

	@Override
	public String getName() {
		return ParallelTaskMetricNames.BATCH;
	}

	@Override
	public String getContextualName(BatchObservationContext context) {
		return "batch " + ParallelTaskMetricNames.nameOrUnnamed(context.getBatchName());
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(BatchObservationContext context) {
		BatchOutcome outcome = context.getOutcome();
		return KeyValues.of(ParallelTaskMetricNames.BATCH_TAG,
				ParallelTaskMetricNames.nameOrUnnamed(context.getBatchName()), ParallelTaskMetricNames.OUTCOME_TAG,
				(outcome != null) ? outcome.tagValue() : "unknown");
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(BatchObservationContext context) {
		return KeyValues.of("batch.size", Integer.toString(context.getExpectedSize()));
	}

}
