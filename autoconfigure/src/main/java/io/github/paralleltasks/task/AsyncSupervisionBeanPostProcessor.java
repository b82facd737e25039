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

import java.lang.reflect.Field;
import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.ReflectionUtils;

/**
 * {@link BeanPostProcessor} that adds the {@link AsyncSupervisionTaskDecorator} to every
 * {@link ThreadPoolTaskExecutor} and {@link SimpleAsyncTaskExecutor} bean, after the task
 * decorator the bean already has, so that batches can prevent and interrupt the
 * {@code @Async} calls that run on them. This covers Spring Boot's
 * {@code applicationTaskExecutor}, on platform or virtual threads, and executors that an
 * application defines itself, such as the one of {@code @Async("reportExecutor")}. On a
 * {@code ThreadPoolTaskExecutor} that has a decorator of its own, a task that is a
 * {@code Future} stays one once decorated, so that the executor's shutdown cancels the
 * queued tasks of a batch.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public class AsyncSupervisionBeanPostProcessor implements BeanPostProcessor {

	private static final Log logger = LogFactory.getLog(AsyncSupervisionBeanPostProcessor.class);

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof ThreadPoolTaskExecutor executor) {
			addSupervision(executor, beanName, true, executor::setTaskDecorator);
		}
		else if (bean instanceof SimpleAsyncTaskExecutor executor) {
			addSupervision(executor, beanName, false, executor::setTaskDecorator);
		}
		return bean;
	}

	/**
	 * Add the supervision after the executor's own decorator, if any.
	 * @param keepFutures whether the executor cancels the {@code Future}s among the tasks
	 * that its shutdown drops, which must stay {@code Future}s once decorated
	 */
	private static void addSupervision(Object executor, String beanName, boolean keepFutures,
			Consumer<TaskDecorator> setter) {
		// Neither executor exposes its decorator: read it, so as to keep it
		Field field = ReflectionUtils.findField(executor.getClass(), "taskDecorator", TaskDecorator.class);
		if (field == null) {
			logger.warn("Cannot read the task decorator of executor bean '" + beanName
					+ "': batches of parallel tasks cannot interrupt the @Async calls that run on it");
			return;
		}
		ReflectionUtils.makeAccessible(field);
		TaskDecorator current = (TaskDecorator) ReflectionUtils.getField(field, executor);
		if (current == null) {
			setter.accept(AsyncSupervisionTaskDecorator.INSTANCE);
		}
		else if (current != AsyncSupervisionTaskDecorator.INSTANCE) {
			// Last, so that it is the outermost: a call that must not start is not set up
			TaskDecorator both = new CompositeTaskDecorator(List.of(current, AsyncSupervisionTaskDecorator.INSTANCE));
			setter.accept(keepFutures ? new FutureKeepingTaskDecorator(both) : both);
		}
	}

}
