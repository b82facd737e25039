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

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;

import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.task.AsyncSupervisionBeanPostProcessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.NamedBeanHolder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.ClassUtils;

/**
 * The executor bean of the auto-configured {@link ParallelTaskTemplate}, and how it was
 * chosen: the bean that {@code parallel-tasks.executor} names, else Spring Boot's
 * {@code applicationTaskExecutor}, else the only executor bean.
 *
 * @param beanName the name of the executor bean
 * @param executor the executor
 * @param choice how it was chosen
 * @author parallel-tasks authors
 */
record TemplateExecutor(String beanName, Executor executor, Choice choice) {

	static final String PROPERTY = "parallel-tasks.executor";

	static final String DEFAULT_BEAN_NAME = ParallelTaskAutoConfiguration.DEFAULT_EXECUTOR_BEAN_NAME;

	private static final String ASYNC_DEFAULT_BEAN_NAME = "taskExecutor";

	private static final Log logger = LogFactory.getLog(ParallelTaskAutoConfiguration.class);

	/**
	 * Choose the template's executor.
	 * @param name the value of {@code parallel-tasks.executor}, or {@code null}
	 * @param beanFactory the bean factory that holds the executors
	 * @param environment the environment, for where the property was set
	 * @return the executor
	 * @throws ParallelTaskExecutorException if there is none
	 */
	static TemplateExecutor select(@Nullable String name, ConfigurableListableBeanFactory beanFactory,
			Environment environment) {
		if (name != null) {
			if (!beanFactory.containsBean(name)) {
				throw failure(name, environment, "there is no bean named '" + name + "'", beanFactory);
			}
			if (!beanFactory.isTypeMatch(name, Executor.class)) {
				Class<?> type = beanFactory.getType(name);
				throw failure(name, environment,
						"bean '" + name + "' is " + ((type != null)
								? "a " + type.getName() + ", not a java.util.concurrent.Executor" : "not an Executor"),
						beanFactory);
			}
			return new TemplateExecutor(name, beanFactory.getBean(name, Executor.class), Choice.PROPERTY);
		}
		if (beanFactory.containsBean(DEFAULT_BEAN_NAME)) {
			return new TemplateExecutor(DEFAULT_BEAN_NAME, beanFactory.getBean(DEFAULT_BEAN_NAME, Executor.class),
					Choice.DEFAULT);
		}
		try {
			NamedBeanHolder<Executor> only = beanFactory.resolveNamedBean(Executor.class);
			return new TemplateExecutor(only.getBeanName(), only.getBeanInstance(), Choice.ONLY_EXECUTOR);
		}
		catch (NoSuchBeanDefinitionException ex) {
			List<String> executors = executorBeanNames(beanFactory);
			throw failure(null, environment,
					"there is no bean named '" + DEFAULT_BEAN_NAME + "' and "
							+ (executors.isEmpty() ? "no Executor bean" : "no single Executor bean to use instead"),
					beanFactory);
		}
	}

	private static ParallelTaskExecutorException failure(@Nullable String name, Environment environment, String reason,
			ConfigurableListableBeanFactory beanFactory) {
		return new ParallelTaskExecutorException(name, (name != null) ? origin(environment) : null, reason,
				executorBeanNames(beanFactory));
	}

	private static @Nullable String origin(Environment environment) {
		ConfigurationPropertyName name = ConfigurationPropertyName.of(PROPERTY);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			ConfigurationProperty property = source.getConfigurationProperty(name);
			if (property != null) {
				return (property.getOrigin() != null) ? property.getOrigin().toString() : null;
			}
		}
		return null;
	}

	private static List<String> executorBeanNames(ConfigurableListableBeanFactory beanFactory) {
		return Arrays.stream(beanFactory.getBeanNamesForType(Executor.class, true, false)).sorted().toList();
	}

	/**
	 * Log which executor the template uses and whether the {@code @Async} calls that run
	 * on it are supervised: at INFO, or at WARN when the template fell back to the only
	 * executor bean.
	 * @param beanFactory the bean factory, to find whether executors are supervised
	 */
	void log(ConfigurableListableBeanFactory beanFactory) {
		if (this.choice == Choice.ONLY_EXECUTOR) {
			if (logger.isWarnEnabled()) {
				logger.warn(describe(beanFactory) + ". Set " + PROPERTY + "=" + this.beanName
						+ " to choose it explicitly, or declare it with @Bean(defaultCandidate = false) "
						+ "so that Spring Boot's " + DEFAULT_BEAN_NAME + " stays");
			}
		}
		else if (logger.isInfoEnabled()) {
			logger.info(describe(beanFactory));
		}
	}

	private String describe(ConfigurableListableBeanFactory beanFactory) {
		StringBuilder message = new StringBuilder("ParallelTaskTemplate runs its tasks on executor bean '")
			.append(this.beanName)
			.append("' (")
			.append(ClassUtils.getShortName(ClassUtils.getUserClass(this.executor)))
			.append(", ")
			.append(switch (this.choice) {
				case PROPERTY -> "named by " + PROPERTY;
				case DEFAULT -> "Spring Boot's task executor";
				case ONLY_EXECUTOR ->
					fallback(executorBeanNames(beanFactory)) + ", since there is no bean named '" + DEFAULT_BEAN_NAME
							+ "': Spring Boot's task executor backs off when the application defines an Executor bean";
			})
			.append("); ");
		if (!supervisable(this.executor)) {
			message.append("@Async calls that run on it are not supervised: it takes no task decorator, so a batch "
					+ "can cancel their futures but cannot stop their work");
		}
		else if (beanFactory.getBeanNamesForType(AsyncSupervisionBeanPostProcessor.class, false, false).length == 0) {
			message.append("@Async calls that run on it are not supervised, since "
					+ "parallel-tasks.async.supervise-executors is false");
		}
		else {
			message.append("@Async calls that run on it are supervised: a batch can keep them from starting and "
					+ "interrupt them");
		}
		if (this.choice == Choice.ONLY_EXECUTOR && !(this.executor instanceof TaskExecutor)
				&& !ASYNC_DEFAULT_BEAN_NAME.equals(this.beanName)) {
			message.append(". @Async methods without a qualifier do not run on it (it is not a TaskExecutor): "
					+ "Spring picks another executor for them, or creates one");
		}
		return message.toString();
	}

	private static String fallback(List<String> executorBeanNames) {
		return (executorBeanNames.size() == 1) ? "the only Executor bean"
				: "the Executor bean that injection by type picks of " + String.join(", ", executorBeanNames);
	}

	private static boolean supervisable(Executor executor) {
		return executor instanceof ThreadPoolTaskExecutor || executor instanceof SimpleAsyncTaskExecutor;
	}

	/**
	 * How the executor was chosen.
	 */
	enum Choice {

		/**
		 * Named by {@code parallel-tasks.executor}.
		 */
		PROPERTY,

		/**
		 * Spring Boot's {@code applicationTaskExecutor}.
		 */
		DEFAULT,

		/**
		 * The only executor bean, since there is no {@code applicationTaskExecutor}.
		 */
		ONLY_EXECUTOR

	}

}
