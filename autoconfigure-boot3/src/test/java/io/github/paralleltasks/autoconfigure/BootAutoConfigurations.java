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

import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.jdbc.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.BraveAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryEventPublisherBeansApplicationListener;
import org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.client.HttpClientAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.web.client.RestTemplateAutoConfiguration;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestTemplate;

/**
 * The Spring Boot auto-configurations, properties and builders that the tests shared by
 * both Spring Boot lines use and that Spring Boot 4 moved or renamed: this is the Spring
 * Boot 3 class, and the Spring Boot 4 module has one of the same name.
 *
 * @author parallel-tasks authors
 */
public final class BootAutoConfigurations {

	/**
	 * Micrometer metrics with a simple registry.
	 */
	public static final AutoConfigurations METRICS = AutoConfigurations.of(MetricsAutoConfiguration.class,
			CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class);

	/**
	 * The observation registry.
	 */
	public static final AutoConfigurations OBSERVATION = AutoConfigurations.of(ObservationAutoConfiguration.class);

	/**
	 * Micrometer tracing, less the bridge.
	 */
	public static final AutoConfigurations TRACING = AutoConfigurations.of(MicrometerTracingAutoConfiguration.class);

	/**
	 * The Brave bridge.
	 */
	public static final AutoConfigurations BRAVE_TRACING = AutoConfigurations.of(BraveAutoConfiguration.class);

	/**
	 * The OpenTelemetry SDK and its bridge.
	 */
	public static final AutoConfigurations OPEN_TELEMETRY_TRACING = AutoConfigurations
		.of(OpenTelemetryAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class);

	/**
	 * The metrics of the DataSource's pool.
	 */
	public static final AutoConfigurations DATA_SOURCE_POOL_METRICS = AutoConfigurations
		.of(DataSourcePoolMetricsAutoConfiguration.class);

	/**
	 * The DataSource.
	 */
	public static final AutoConfigurations DATA_SOURCE = AutoConfigurations.of(DataSourceAutoConfiguration.class);

	/**
	 * The DataSource and a JdbcTemplate.
	 */
	public static final AutoConfigurations JDBC_TEMPLATE = AutoConfigurations.of(DataSourceAutoConfiguration.class,
			JdbcTemplateAutoConfiguration.class);

	/**
	 * The blocking HTTP clients: the request factory builder, {@code RestClient.Builder}
	 * and {@code RestTemplateBuilder}.
	 */
	public static final AutoConfigurations HTTP_CLIENTS = AutoConfigurations.of(HttpClientAutoConfiguration.class,
			RestClientAutoConfiguration.class, RestTemplateAutoConfiguration.class);

	/**
	 * The property that selects the blocking HTTP client's request factory.
	 */
	public static final String HTTP_CLIENT_FACTORY_PROPERTY = "spring.http.client.factory";

	private BootAutoConfigurations() {
	}

	/**
	 * Return a {@link RestTemplate} built by the context's {@code RestTemplateBuilder}.
	 * @param context the context
	 * @param rootUri the root URI, or {@code null}
	 * @return the rest template
	 */
	public static RestTemplate restTemplate(ApplicationContext context, String rootUri) {
		RestTemplateBuilder builder = context.getBean(RestTemplateBuilder.class);
		return ((rootUri != null) ? builder.rootUri(rootUri) : builder).build();
	}

	/**
	 * Return the {@link ClientHttpRequestFactory} that the context's auto-configured HTTP
	 * client settings and builder give.
	 * @param context the context
	 * @return the request factory
	 */
	public static ClientHttpRequestFactory requestFactory(ApplicationContext context) {
		// Spring Boot 3 has no ClientHttpRequestFactory bean: build one as its
		// RestClient.Builder does
		return context.getBean(ClientHttpRequestFactoryBuilder.class)
			.build(context.getBean(ClientHttpRequestFactorySettings.class));
	}

	/**
	 * Return the listener that Spring Boot registers from {@code spring.factories} to set
	 * the trace in the MDC with OpenTelemetry.
	 * @return the listener
	 */
	public static ApplicationListener<?> openTelemetryEventPublisherBeansApplicationListener() {
		return new OpenTelemetryEventPublisherBeansApplicationListener();
	}

}
