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
import java.util.concurrent.CompletableFuture;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;

/**
 * The {@code @Async} task of the {@link GatherDemo}: sleep, then finish or fail, and
 * record what happened, including being interrupted.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
@Component
public class GatherDemoTasks {

	/**
	 * Sleep for the given duration, then return the task's name or, if asked to, throw a
	 * {@link GatherDemoException}.
	 * @param recorder where to record what happens
	 * @param task the name of the task
	 * @param duration how long to sleep
	 * @param fail whether to fail after sleeping
	 * @return the task's name
	 */
	@Async
	public CompletableFuture<String> sleep(GatherDemo.Recorder recorder, String task, Duration duration, boolean fail) {
		recorder.record(task, "started", "started, sleeps " + GatherDemo.format(duration));
		long startedAt = recorder.elapsedMillis();
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			long early = startedAt + duration.toMillis() - recorder.elapsedMillis();
			recorder.record(task, "interrupted", "interrupted at " + GatherDemo.seconds(recorder.elapsedMillis()) + ", "
					+ GatherDemo.seconds(early) + " before it would have finished");
			Thread.currentThread().interrupt();
			return CompletableFuture.failedFuture(ex);
		}
		if (fail) {
			GatherDemoException failure = new GatherDemoException(task + " failed");
			recorder.record(task, "failed", "failed with " + failure);
			throw failure;
		}
		recorder.record(task, "finished", "finished");
		return CompletableFuture.completedFuture(task);
	}

}
