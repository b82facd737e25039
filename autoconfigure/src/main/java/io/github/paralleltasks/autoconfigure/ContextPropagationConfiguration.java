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

import io.github.paralleltasks.context.TaskContextPropagator;
import io.github.paralleltasks.context.ContextSnapshotPropagator;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * Configuration of the {@link TaskContextPropagator} that carries the caller's context to
 * the tasks of a batch, when Micrometer's context-propagation library is present.
 *
 * @author parallel-tasks authors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(ContextSnapshotFactory.class)
@ConditionalOnBooleanProperty(name = "parallel-tasks.propagate-context", matchIfMissing = true)
class ContextPropagationConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TaskContextPropagator parallelTaskContextPropagator() {
		// A registry of our own, so that adding the MDC changes nothing for others
		ContextRegistry global = ContextRegistry.getInstance();
		ContextRegistry registry = new ContextRegistry();
		global.getContextAccessors().forEach(registry::registerContextAccessor);
		global.getThreadLocalAccessors().forEach(registry::registerThreadLocalAccessor);
		boolean hasMdc = registry.getThreadLocalAccessors()
			.stream()
			.anyMatch((accessor) -> Slf4jThreadLocalAccessor.KEY.equals(accessor.key()));
		if (!hasMdc && ClassUtils.isPresent("org.slf4j.MDC", ContextPropagationConfiguration.class.getClassLoader())) {
			registry.registerThreadLocalAccessor(new Slf4jThreadLocalAccessor());
		}
		return new ContextSnapshotPropagator(registry);
	}

}
