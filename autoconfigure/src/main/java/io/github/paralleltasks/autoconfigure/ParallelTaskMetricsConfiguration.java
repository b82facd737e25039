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

import io.github.paralleltasks.micrometer.BatchObservationConvention;
import io.github.paralleltasks.micrometer.MicrometerParallelTaskMetrics;
import io.github.paralleltasks.micrometer.ParallelTaskMeterFilter;
import io.github.paralleltasks.micrometer.TaskObservationConvention;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Micrometer metrics beans of parallel tasks, imported by the
 * {@link ParallelTaskMetricsAutoConfiguration} of each Spring Boot line, which says when
 * they apply.
 *
 * @author parallel-tasks authors
 */
@Configuration(proxyBeanMethods = false)
class ParallelTaskMetricsConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MicrometerParallelTaskMetrics micrometerParallelTaskMetrics(MeterRegistry meterRegistry,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<BatchObservationConvention> batchConvention,
			ObjectProvider<TaskObservationConvention> taskConvention, ParallelTaskProperties properties) {
		ObservationRegistry observations = observationRegistry.getIfAvailable();
		MicrometerParallelTaskMetrics metrics = (observations != null)
				? new MicrometerParallelTaskMetrics(meterRegistry, observations)
				: new MicrometerParallelTaskMetrics(meterRegistry);
		metrics.setBatchObservationConvention(batchConvention.getIfAvailable());
		metrics.setTaskObservationConvention(taskConvention.getIfAvailable());
		metrics.setObserveTasks(properties.getMetrics().isTaskObservations());
		return metrics;
	}

	@Bean
	@ConditionalOnMissingBean
	ParallelTaskMeterFilter parallelTaskMeterFilter() {
		return new ParallelTaskMeterFilter();
	}

}
