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

import java.util.concurrent.Executor;

import io.github.paralleltasks.FatalErrorPolicy;
import io.github.paralleltasks.metrics.ParallelTaskMetrics;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.context.TaskContextPropagator;
import io.github.paralleltasks.task.AsyncSupervisionBeanPostProcessor;
import io.github.paralleltasks.task.InterruptibleAsyncFuturesPostProcessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of a {@link ParallelTaskTemplate} that runs its tasks on the
 * executor bean named by {@code parallel-tasks.executor}, else on the application's
 * {@code applicationTaskExecutor}, else on its only executor bean. Which one it uses is
 * logged at start-up.
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

	private static final String CONTEXT_SNAPSHOT_FACTORY = "io.micrometer.context.ContextSnapshotFactory";

	private static final Log logger = LogFactory.getLog(ParallelTaskAutoConfiguration.class);

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
	FatalErrorPolicy parallelTaskFatalErrorPolicy(ParallelTaskProperties properties) {
		return FatalErrorPolicy.of(properties.getFatalExceptions());
	}

	@Bean
	@ConditionalOnMissingBean
	ParallelTaskTemplate parallelTaskTemplate(ParallelTaskProperties properties, FatalErrorPolicy fatalErrorPolicy,
			ObjectProvider<ParallelTaskMetrics> metrics, ObjectProvider<TaskContextPropagator> contextPropagator,
			ConfigurableListableBeanFactory beanFactory, Environment environment) {
		TemplateExecutor executor = TemplateExecutor.select(properties.getExecutor(), beanFactory, environment);
		executor.log(beanFactory);
		TaskContextPropagator propagator = contextPropagator.getIfAvailable();
		if (propagator == null && properties.isPropagateContext()
				&& !ClassUtils.isPresent(CONTEXT_SNAPSHOT_FACTORY, beanFactory.getBeanClassLoader())) {
			logger.warn("parallel-tasks.propagate-context is true, but Micrometer's context-propagation library "
					+ "is not on the class path, so tasks do not get the caller's MDC, observation or security "
					+ "context: add io.micrometer:context-propagation, or set parallel-tasks.propagate-context=false");
		}
		return ParallelTaskTemplate.builder(executor.executor())
			.fatalErrorPolicy(fatalErrorPolicy)
			.metrics(ParallelTaskMetrics.composite(metrics.orderedStream().toList()))
			.contextPropagator((propagator != null) ? propagator : TaskContextPropagator.NONE)
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

}
