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

package io.github.paralleltasks.actuate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What the {@link ParallelTasksEndpoint} returns: the batches in flight and the totals
 * since start-up.
 *
 * @param since when the tracking started
 * @param inFlight the batches that have not ended, oldest first
 * @param totals what ended since {@code since}
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public record ParallelTasksDescriptor(Instant since, List<BatchDescriptor> inFlight,
		TotalsDescriptor totals) implements OperationResponseBody {

	/**
	 * A batch in flight. Task counts cover the tasks that have started.
	 *
	 * @param name the name of the batch, or {@code unnamed}
	 * @param started when the batch started
	 * @param size the number of tasks the batch was given, or {@code 0} for a scope,
	 * whose tasks are forked one by one
	 * @param running the tasks that are running
	 * @param done the tasks that have ended, whatever their outcome
	 * @param failed the tasks that ended by throwing a tolerated or fatal exception
	 * @param cancelled the tasks that were interrupted by a cancel
	 */
	public record BatchDescriptor(String name, Instant started, int size, int running, int done, int failed,
			int cancelled) {

	}

	/**
	 * Totals since start-up.
	 *
	 * @param batches the batches that ended, by outcome ({@code success},
	 * {@code partial}, {@code fatal}, {@code timeout}, {@code cancelled})
	 * @param tasks the tasks that started and ended, by outcome ({@code success},
	 * {@code failed}, {@code fatal}, {@code cancelled})
	 * @param cancelled the tasks that batches cancelled, whether they had started or not,
	 * by reason ({@code fatal}, {@code timeout}, {@code interrupted}, {@code closed})
	 * @param running the tasks running now, including those whose batch stopped waiting
	 * for them after its cancel grace period
	 */
	public record TotalsDescriptor(Map<String, Long> batches, Map<String, Long> tasks, Map<String, Long> cancelled,
			long running) {

	}

}
