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

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryEventPublisherBeansApplicationListener;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestTemplate;

/**
 * The Spring Boot auto-configurations, properties and builders that the tests shared by
 * both Spring Boot lines use and that Spring Boot 4 moved or renamed: this is the Spring
 * Boot 4 class, and the Spring Boot 3 module has one of the same name.
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
	public static final AutoConfigurations OPEN_TELEMETRY_TRACING = AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
			OpenTelemetryTracingAutoConfiguration.class);

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
	 * The blocking HTTP clients: the request factory builder, {@code RestClient.Builder} and
	 * {@code RestTemplateBuilder}.
	 */
	public static final AutoConfigurations HTTP_CLIENTS = AutoConfigurations.of(HttpClientAutoConfiguration.class,
			ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
			RestTemplateAutoConfiguration.class);

	/**
	 * The property that selects the blocking HTTP client's request factory.
	 */
	public static final String HTTP_CLIENT_FACTORY_PROPERTY = "spring.http.clients.imperative.factory";

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
		return context.getBean(ClientHttpRequestFactory.class);
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
