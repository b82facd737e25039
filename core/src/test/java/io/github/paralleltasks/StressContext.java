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

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/**
 * What the tasks of the stress test share: where they report violations, the executor of
 * their asynchronous work, and the template of nested batches.
 *
 * @author parallel-tasks authors
 */
final class StressContext {

	final Queue<String> violations = new ConcurrentLinkedQueue<>();

	final FatalErrorPolicy policy = FatalErrorPolicy.annotated();

	private Executor asyncExecutor;

	private ParallelTaskTemplate nestedTemplate;

	void setAsyncExecutor(Executor asyncExecutor) {
		this.asyncExecutor = asyncExecutor;
	}

	Executor asyncExecutor() {
		return this.asyncExecutor;
	}

	void setNestedTemplate(ParallelTaskTemplate nestedTemplate) {
		this.nestedTemplate = nestedTemplate;
	}

	ParallelTaskTemplate nestedTemplate() {
		return this.nestedTemplate;
	}

	void violation(String message) {
		this.violations.add(message);
	}

}
