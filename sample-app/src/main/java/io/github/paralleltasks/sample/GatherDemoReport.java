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

package io.github.paralleltasks.sample;

import java.util.List;
import java.util.Map;

import io.github.paralleltasks.Subtask;

/**
 * What happened in one run of the {@link GatherDemo}.
 *
 * @param events what the tasks and the batch did, in the order it was recorded
 * @param batch how the batch ended
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public record GatherDemoReport(List<Event> events, BatchEnd batch) {

	/**
	 * Return the events of one task, or of the batch.
	 * @param task the name of the task, or {@value GatherDemo#BATCH} for the batch
	 * @return the events
	 */
	public List<Event> eventsOf(String task) {
		return this.events.stream().filter((event) -> event.task().equals(task)).toList();
	}

	/**
	 * Something that a task or the batch did.
	 *
	 * @param atMillis when it happened, in milliseconds since the demo started
	 * @param task the name of the task, or {@value GatherDemo#BATCH}
	 * @param event what happened: {@code started}, {@code finished}, {@code failed},
	 * {@code interrupted} or {@code still-running} for a task; {@code failed} or
	 * {@code succeeded} for the batch
	 * @param line the line that was logged
	 */
	public record Event(long atMillis, String task, String event, String line) {

	}

	/**
	 * How the batch ended.
	 *
	 * @param outcome {@code failed} or {@code succeeded}
	 * @param atMillis when the caller got the outcome, in milliseconds since the demo
	 * started
	 * @param failedTask the task that failed with a fatal error, or {@code null}
	 * @param exception the class name of the fatal error, or {@code null}
	 * @param message the message of the fatal error, or {@code null}
	 * @param tasks the state of each task as the batch reported it
	 */
	public record BatchEnd(String outcome, long atMillis, String failedTask, String exception, String message,
			Map<String, Subtask.State> tasks) {

	}

}
