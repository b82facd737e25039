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
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Context of the observation of a batch of parallel tasks.
 *
 * <p>
 * An {@link Observation.Context} that keeps the key values of its convention without
 * putting them into its maps, as long as nothing but the convention changes them: the
 * same key values are read, for less.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public class BatchObservationContext extends KeptKeyValuesContext {

	private final @Nullable String batchName;

	private final int expectedSize;

	private volatile @Nullable BatchOutcome outcome;

	/**
	 * Create a new {@code BatchObservationContext}.
	 * @param batchName the name of the batch, or {@code null}
	 * @param expectedSize the number of tasks if known, or {@code 0}
	 */
	public BatchObservationContext(@Nullable String batchName, int expectedSize) {
		this.batchName = batchName;
		this.expectedSize = expectedSize;
	}

	/**
	 * Return the name of the batch.
	 * @return the batch name, or {@code null} if it has none
	 */
	public @Nullable String getBatchName() {
		return this.batchName;
	}

	/**
	 * Return the number of tasks the batch started with.
	 * @return the number of tasks, or {@code 0} for a scope, whose tasks are forked one
	 * by one
	 */
	public int getExpectedSize() {
		return this.expectedSize;
	}

	/**
	 * Return how the batch ended.
	 * @return the outcome, or {@code null} while the batch runs
	 */
	public @Nullable BatchOutcome getOutcome() {
		return this.outcome;
	}

	void setOutcome(BatchOutcome outcome) {
		this.outcome = outcome;
	}

}
