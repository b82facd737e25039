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

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * {@link MeterFilter} that gives the timers of the batch and task observations a
 * description, so that a registry's output says what they measure (for instance
 * Prometheus' {@code # HELP} lines): Micrometer's meter observation handler registers
 * them without one. The counters and the gauge have their own.
 *
 * <p>
 * With Spring Boot it is a bean, which Spring Boot applies to every meter registry.
 * Without it, add it to a registry before the first batch records to it:
 * {@code registry.config().meterFilter(new ParallelTaskMeterFilter())}. Timers that a
 * custom convention names otherwise keep whatever description they have.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public class ParallelTaskMeterFilter implements MeterFilter {

	// The meter observation handler names the long task timer of an observation
	// after it, with ".active"
	private static final Map<String, String> DESCRIPTIONS = Map.of(ParallelTaskMetricNames.BATCH,
			"Duration of batches of parallel tasks, until every task in them ended",
			ParallelTaskMetricNames.BATCH + ".active", "Batches of parallel tasks that are running",
			ParallelTaskMetricNames.TASK, "Duration of the tasks of batches, from their start to their end",
			ParallelTaskMetricNames.TASK + ".active", "Tasks of batches that are running, by how long they have run");

	@Override
	public Meter.Id map(Meter.Id id) {
		String description = (id.getDescription() == null) ? DESCRIPTIONS.get(id.getName()) : null;
		if (description == null) {
			return id;
		}
		return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description, id.getType());
	}

}
