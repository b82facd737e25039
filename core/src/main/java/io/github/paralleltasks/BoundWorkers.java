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

import org.jspecify.annotations.Nullable;

/**
 * The workers bound to one asynchronous call: the work items that its executor was handed
 * while the call started.
 *
 * @author parallel-tasks authors
 */
final class BoundWorkers {

	/** The last worker bound; written by the thread that starts the call, read by any. */
	private volatile @Nullable BoundWorker last;

	BoundWorker bind(BoundWorker.Owner owner, Runnable work) {
		BoundWorker worker = new BoundWorker(owner, work, this.last);
		this.last = worker;
		return worker;
	}

	boolean isEmpty() {
		return this.last == null;
	}

	/**
	 * Prevent or stop every worker that has not ended.
	 * @return whether a worker was prevented or stopped
	 */
	boolean cancelAll() {
		boolean cancelled = false;
		for (BoundWorker worker = this.last; worker != null; worker = worker.next) {
			cancelled |= worker.cancel();
		}
		return cancelled;
	}

	boolean allEnded() {
		for (BoundWorker worker = this.last; worker != null; worker = worker.next) {
			if (!worker.hasEnded()) {
				return false;
			}
		}
		return true;
	}

}
