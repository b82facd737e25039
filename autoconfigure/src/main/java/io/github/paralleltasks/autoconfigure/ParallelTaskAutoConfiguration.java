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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import io.github.paralleltasks.FatalErrorPolicy;
import io.github.paralleltasks.metrics.ParallelTaskMetrics;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.context.TaskContextPropagator;
import io.github.paralleltasks.task.AsyncSupervisionBeanPostProcessor;
import io.github.paralleltasks.task.InterruptibleAsyncFuturesPostProcessor;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of a {@link ParallelTaskTemplate} that runs its tasks on the
 * application's {@code applicationTaskExecutor}, or on the executor bean named by
 * {@code parallel-tasks.executor}.
 *
 * <p>
 * No {@link Executor} bean is registered here: in Spring Boot, any default-candidate
 * executor bean would make {@code applicationTaskExecutor} back off for the whole
 * application.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
@AutoConfiguration(after = { TaskExecutionAutoConfiguration.class, ParallelTaskMetricsAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "parallel-tasks.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ParallelTaskProperties.class)
@Import(ContextPropagationConfiguration.class)
public final class ParallelTaskAutoConfiguration {

	static final String DEFAULT_EXECUTOR_BEAN_NAME = TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME;

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "parallel-tasks.async.supervise-executors", matchIfMissing = true)
	static AsyncSupervisionBeanPostProcessor parallelTaskAsyncSupervisionBeanPostProcessor() {
		return new AsyncSupervisionBeanPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "parallel-tasks.async.interruptible-futures")
	static InterruptibleAsyncFuturesPostProcessor parallelTaskInterruptibleAsyncFuturesPostProcessor() {
		return new InterruptibleAsyncFuturesPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	FatalErrorPolicy parallelTaskFatalErrorPolicy(ParallelTaskProperties properties, BeanFactory beanFactory) {
		ClassLoader classLoader = beanFactory.getClass().getClassLoader();
		List<Class<? extends Throwable>> fatalTypes = new ArrayList<>();
		List<String> names = properties.getFatalExceptions();
		for (int i = 0; i < names.size(); i++) {
			fatalTypes.add(loadThrowable("parallel-tasks.fatal-exceptions[" + i + "]", names.get(i), classLoader));
		}
		return FatalErrorPolicy.of(fatalTypes);
	}

	@Bean
	@ConditionalOnMissingBean
	ParallelTaskTemplate parallelTaskTemplate(ParallelTaskProperties properties, FatalErrorPolicy fatalErrorPolicy,
			ObjectProvider<ParallelTaskMetrics> metrics, ObjectProvider<TaskContextPropagator> contextPropagator,
			BeanFactory beanFactory) {
		return ParallelTaskTemplate.builder(executor(properties, beanFactory))
			.fatalErrorPolicy(fatalErrorPolicy)
			.metrics(ParallelTaskMetrics.composite(metrics.orderedStream().toList()))
			.contextPropagator(contextPropagator.getIfAvailable(() -> TaskContextPropagator.NONE))
			.defaultTimeout(properties.getDefaultTimeout())
			.cancelGracePeriod(properties.getCancelGracePeriod())
			.build();
	}

	@Bean(ParallelTaskShutdownLifecycle.BEAN_NAME)
	static ParallelTaskShutdownLifecycle parallelTaskShutdownLifecycle(ObjectProvider<ParallelTaskTemplate> templates,
			ConfigurableListableBeanFactory beanFactory) {
		// Stopped before the executors, whose own stop waits for the tasks they run
		for (String executor : beanFactory.getBeanNamesForType(Executor.class, true, false)) {
			beanFactory.registerDependentBean(executor, ParallelTaskShutdownLifecycle.BEAN_NAME);
		}
		return new ParallelTaskShutdownLifecycle(templates.orderedStream().toList());
	}

	private static Executor executor(ParallelTaskProperties properties, BeanFactory beanFactory) {
		String name = properties.getExecutor();
		if (name != null) {
			try {
				return beanFactory.getBean(name, Executor.class);
			}
			catch (NoSuchBeanDefinitionException ex) {
				throw new IllegalStateException("Property 'parallel-tasks.executor' names bean '" + name
						+ "', but there is no such Executor bean", ex);
			}
		}
		if (beanFactory.containsBean(DEFAULT_EXECUTOR_BEAN_NAME)) {
			return beanFactory.getBean(DEFAULT_EXECUTOR_BEAN_NAME, Executor.class);
		}
		Executor unique = beanFactory.getBeanProvider(Executor.class).getIfUnique();
		if (unique == null) {
			throw new IllegalStateException("No Executor bean named '" + DEFAULT_EXECUTOR_BEAN_NAME
					+ "' and no unique Executor bean: set 'parallel-tasks.executor' to the name of the executor to use");
		}
		return unique;
	}

	@SuppressWarnings("unchecked")
	private static Class<? extends Throwable> loadThrowable(String property, String className,
			ClassLoader classLoader) {
		Class<?> type;
		try {
			type = ClassUtils.forName(className.trim(), classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new IllegalStateException(
					"Property '" + property + "' names class '" + className + "', which cannot be loaded", ex);
		}
		if (!Throwable.class.isAssignableFrom(type)) {
			throw new IllegalStateException(
					"Property '" + property + "' names class '" + className + "', which is not a java.lang.Throwable");
		}
		return (Class<? extends Throwable>) type;
	}

}
