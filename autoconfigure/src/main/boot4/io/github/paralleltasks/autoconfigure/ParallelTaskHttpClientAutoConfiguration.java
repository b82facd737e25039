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

import io.github.paralleltasks.http.ClientHttpRequestCancellationCustomizer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * Auto-configuration that makes the requests of Spring Boot's auto-configured
 * {@link ClientHttpRequestFactoryBuilder} (used by {@code RestClient.Builder} and
 * {@code RestTemplateBuilder}) abort when the parallel task that executes them is
 * cancelled.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 * @see ClientHttpRequestCancellationCustomizer
 */
@AutoConfiguration(before = ImperativeHttpClientAutoConfiguration.class)
@ConditionalOnClass({ ClientHttpRequestFactory.class, ClientHttpRequestFactoryBuilder.class })
@ConditionalOnBooleanProperty(name = "parallel-tasks.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "parallel-tasks.cancel.http.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ParallelTaskProperties.class)
public final class ParallelTaskHttpClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClientHttpRequestCancellationCustomizer parallelTaskClientHttpRequestCancellationCustomizer() {
		return new ClientHttpRequestCancellationCustomizer();
	}

}
