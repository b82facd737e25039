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
import io.micrometer.common.KeyValues;

/**
 * Observation conventions of an application of its own, for tests that replace the
 * default ones: batches named {@code shop.batch} with a {@code flow} tag, tasks named
 * {@code shop.task} with {@code step} and {@code ok} tags.
 *
 * @author parallel-tasks authors
 */
public final class ShopConventions {

	private ShopConventions() {
	}

	/**
	 * The batch convention.
	 */
	public static class ShopBatchConvention implements BatchObservationConvention {

		@Override
		public String getName() {
			return "shop.batch";
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(BatchObservationContext context) {
			return KeyValues.of("flow", context.getBatchName());
		}

	}

	/**
	 * The task convention.
	 */
	public static class ShopTaskConvention implements TaskObservationConvention {

		@Override
		public String getName() {
			return "shop.task";
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(TaskObservationContext context) {
			return KeyValues.of("step", context.getTaskName(), "ok",
					Boolean.toString(context.getState() != Subtask.State.FAILED));
		}

	}

}
