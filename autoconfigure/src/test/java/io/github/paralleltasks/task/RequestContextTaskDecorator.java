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

package io.github.paralleltasks.task;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.core.task.TaskDecorator;

/**
 * A user's own {@link TaskDecorator}: carries a request-scoped value to the threads of
 * {@code @Async} calls, and counts the runnables it decorates and those that run.
 *
 * @author parallel-tasks authors
 */
final class RequestContextTaskDecorator implements TaskDecorator {

	/**
	 * The request-scoped value.
	 */
	static final ThreadLocal<String> CONTEXT = new ThreadLocal<>();

	private final AtomicInteger decorated = new AtomicInteger();

	private final AtomicInteger ran = new AtomicInteger();

	@Override
	public Runnable decorate(Runnable runnable) {
		this.decorated.incrementAndGet();
		String context = CONTEXT.get();
		return () -> {
			this.ran.incrementAndGet();
			CONTEXT.set(context);
			try {
				runnable.run();
			}
			finally {
				CONTEXT.remove();
			}
		};
	}

	int decorated() {
		return this.decorated.get();
	}

	int ran() {
		return this.ran.get();
	}

}
