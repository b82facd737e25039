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

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.paralleltasks.metrics.CancelReason;

/**
 * The batches in flight of a template and of the templates made from it with
 * {@link ParallelTaskTemplate#batch(String)}, so that a shutdown can cancel them.
 *
 * @author parallel-tasks authors
 */
final class BatchRegistry {

	private final Set<Batch> inFlight = ConcurrentHashMap.newKeySet();

	/**
	 * Set by {@link #shutdown()}, cleared by {@link #reopen()}; read by every batch that
	 * opens.
	 */
	private volatile boolean shutDown;

	/**
	 * Add a batch that opens, on its owner's thread; a batch that opens after the
	 * shutdown is cancelled at once.
	 */
	void opened(Batch batch) {
		this.inFlight.add(batch);
		if (this.shutDown) {
			batch.cancel(CancelReason.SHUTDOWN, null);
		}
	}

	void ended(Batch batch) {
		this.inFlight.remove(batch);
	}

	/**
	 * Cancel every batch in flight, and every batch that opens from now on.
	 * @return how many batches were in flight
	 */
	int shutdown() {
		this.shutDown = true;
		int count = 0;
		for (Batch batch : this.inFlight) {
			if (batch.cancel(CancelReason.SHUTDOWN, null)) {
				count++;
			}
		}
		return count;
	}

	void reopen() {
		this.shutDown = false;
	}

	boolean isShutDown() {
		return this.shutDown;
	}

}
