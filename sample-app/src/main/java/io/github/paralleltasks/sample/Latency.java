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

import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * Simulated latency of a remote service.
 *
 * @author parallel-tasks authors
 */
final class Latency {

	private Latency() {
	}

	/**
	 * Sleep for the given latency, like a blocking call to a remote service.
	 * @param latency how long to sleep
	 * @throws CancellationException if the thread is interrupted; its interrupt flag is
	 * set again
	 */
	static void simulate(Duration latency) {
		try {
			Thread.sleep(latency.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			CancellationException cancelled = new CancellationException("Interrupted while waiting for the service");
			cancelled.initCause(ex);
			throw cancelled;
		}
	}

}
