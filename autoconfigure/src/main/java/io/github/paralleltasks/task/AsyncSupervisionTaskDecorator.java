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

import io.github.paralleltasks.AsyncSupervision;

import org.springframework.core.task.TaskDecorator;

/**
 * {@link TaskDecorator} that lets a batch of parallel tasks supervise the asynchronous
 * calls it starts, typically of {@code @Async} methods: the batch can then prevent a
 * queued call from starting and interrupt the thread of a running one. Outside a batch it
 * leaves tasks as they are.
 *
 * <p>
 * With Spring Boot, it is added to every {@code ThreadPoolTaskExecutor} and
 * {@code SimpleAsyncTaskExecutor} bean by {@link AsyncSupervisionBeanPostProcessor}.
 * Apply it yourself to an executor that is not a bean.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 * @see AsyncSupervision
 */
public final class AsyncSupervisionTaskDecorator implements TaskDecorator {

	/**
	 * The shared instance.
	 */
	public static final AsyncSupervisionTaskDecorator INSTANCE = new AsyncSupervisionTaskDecorator();

	private AsyncSupervisionTaskDecorator() {
	}

	@Override
	public Runnable decorate(Runnable runnable) {
		return AsyncSupervision.decorate(runnable);
	}

}
