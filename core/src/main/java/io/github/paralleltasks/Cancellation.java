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

import io.github.paralleltasks.metrics.CancelReason;
import org.jspecify.annotations.Nullable;

/**
 * Why and when a batch stopped being open: published once, as one immutable value, so
 * that no reader waits for a second write.
 *
 * @param reason why the batch was cancelled
 * @param nanoTime when, by {@link System#nanoTime()}
 * @param fatalTask the task whose fatal error cancelled the batch, or {@code null}
 * @author parallel-tasks authors
 */
record Cancellation(CancelReason reason, long nanoTime, @Nullable TaskRun<?> fatalTask) {

	static Cancellation now(CancelReason reason, @Nullable TaskRun<?> fatalTask) {
		return new Cancellation(reason, System.nanoTime(), fatalTask);
	}

}
