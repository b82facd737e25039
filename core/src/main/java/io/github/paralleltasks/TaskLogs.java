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

package io.github.paralleltasks;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The logger categories of batches, one per kind of message, so that tolerated errors can
 * be quieted without hiding the warnings of supervision.
 *
 * @author parallel-tasks authors
 */
final class TaskLogs {

	/**
	 * Tolerated errors of tasks, at WARN, with the stack trace when DEBUG is enabled.
	 */
	static final Log TOLERATED = LogFactory.getLog("io.github.paralleltasks.tolerated");

	/**
	 * What supervision could not do: a task still running after the grace period, an
	 * asynchronous call whose thread could not be interrupted, the end of a task that its
	 * batch had stopped waiting for.
	 */
	static final Log SUPERVISION = LogFactory.getLog("io.github.paralleltasks.supervision");

	private TaskLogs() {
	}

	/**
	 * Describe an exception by its class name and its message, if it has one, so that
	 * logs never read {@code TimeoutException: null}.
	 * @param exception the exception
	 * @return the description
	 */
	static String describe(Throwable exception) {
		String message = exception.getMessage();
		return exception.getClass().getName() + ((message != null && !message.isBlank()) ? ": " + message : "");
	}

}
