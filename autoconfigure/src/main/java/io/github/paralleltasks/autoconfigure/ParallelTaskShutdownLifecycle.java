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

package io.github.paralleltasks.autoconfigure;

import java.util.List;

import io.github.paralleltasks.ParallelTaskTemplate;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * {@link SmartLifecycle} that {@linkplain ParallelTaskTemplate#shutdown() shuts down} the
 * templates when the application context closes, so that batches in flight are cancelled
 * and their callers released within the cancel grace period, instead of holding up the
 * shutdown until their slowest task ends. It stops in the default phase, before the
 * executors that the tasks run on (it is registered as depending on them).
 *
 * @author parallel-tasks authors
 */
final class ParallelTaskShutdownLifecycle implements SmartLifecycle {

	static final String BEAN_NAME = "parallelTaskShutdownLifecycle";

	private static final Log logger = LogFactory.getLog(ParallelTaskShutdownLifecycle.class);

	private final List<ParallelTaskTemplate> templates;

	private volatile boolean running;

	ParallelTaskShutdownLifecycle(List<ParallelTaskTemplate> templates) {
		this.templates = templates;
	}

	@Override
	public void start() {
		// Started again after a stop, for instance a cached test context that resumes
		for (ParallelTaskTemplate template : this.templates) {
			template.reopen();
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		int cancelled = 0;
		for (ParallelTaskTemplate template : this.templates) {
			cancelled += template.shutdown();
		}
		if (cancelled > 0) {
			logger.info("Cancelled " + cancelled + " batch(es) of parallel tasks in flight, since the application "
					+ "context is closing");
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return DEFAULT_PHASE;
	}

}
