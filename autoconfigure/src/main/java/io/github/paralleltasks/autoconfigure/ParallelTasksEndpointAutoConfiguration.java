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

import io.github.paralleltasks.actuate.ParallelTaskTracker;
import io.github.paralleltasks.actuate.ParallelTasksEndpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link ParallelTasksEndpoint} and of the
 * {@link ParallelTaskTracker} behind it, when the endpoint is accessible and exposed. The
 * tracker is a {@link io.github.paralleltasks.metrics.ParallelTaskMetrics} bean, so the
 * auto-configured template reports to it alongside the Micrometer metrics; it does not
 * depend on {@code parallel-tasks.metrics.enabled}.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBooleanProperty(name = "parallel-tasks.enabled", matchIfMissing = true)
@ConditionalOnAvailableEndpoint(ParallelTasksEndpoint.class)
public final class ParallelTasksEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ParallelTaskTracker parallelTaskTracker() {
		return new ParallelTaskTracker();
	}

	@Bean
	@ConditionalOnMissingBean
	ParallelTasksEndpoint parallelTasksEndpoint(ParallelTaskTracker tracker) {
		return new ParallelTasksEndpoint(tracker);
	}

}
