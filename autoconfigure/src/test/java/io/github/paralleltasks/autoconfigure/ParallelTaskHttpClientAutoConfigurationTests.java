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

import io.github.paralleltasks.http.CancellableClientHttpRequestFactory;
import io.github.paralleltasks.http.ClientHttpRequestCancellationCustomizer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.JettyClientHttpRequestFactory;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link ParallelTaskHttpClientAutoConfiguration}.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskHttpClientAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(BootAutoConfigurations.HTTP_CLIENTS)
		.withConfiguration(AutoConfigurations.of(ParallelTaskHttpClientAutoConfiguration.class));

	@Test
	void customizerIsAutoConfigured() {
		this.contextRunner
			.run((context) -> assertThat(context).hasSingleBean(ClientHttpRequestCancellationCustomizer.class));
	}

	@Test
	void customizerBacksOffWhenDisabled() {
		this.contextRunner.withPropertyValues("parallel-tasks.cancel.http.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ClientHttpRequestCancellationCustomizer.class));
	}

	@Test
	void customizerBacksOffWhenParallelTasksAreDisabled() {
		this.contextRunner.withPropertyValues("parallel-tasks.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ClientHttpRequestCancellationCustomizer.class));
	}

	@Test
	void customizerBacksOffWithoutSpringBootHttpClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ClientHttpRequestFactoryBuilder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ClientHttpRequestCancellationCustomizer.class));
	}

	@Test
	void factoriesThatAnInterruptDoesNotStopAreWrapped() {
		assertDelegate("simple", SimpleClientHttpRequestFactory.class);
		assertDelegate("http-components", HttpComponentsClientHttpRequestFactory.class);
		assertDelegate("jetty", JettyClientHttpRequestFactory.class);
	}

	@Test
	void factoriesThatAnInterruptStopsAreLeftAsTheyAre() {
		assertFactory("jdk", JdkClientHttpRequestFactory.class);
		assertFactory("reactor", ReactorClientHttpRequestFactory.class);
	}

	@Test
	void detectedFactoryIsWrapped() {
		this.contextRunner.run((context) -> {
			ClientHttpRequestFactory factory = BootAutoConfigurations.requestFactory(context);
			assertThat(factory).isInstanceOf(CancellableClientHttpRequestFactory.class);
			assertThat(((CancellableClientHttpRequestFactory) factory).getDelegate())
				.isInstanceOf(HttpComponentsClientHttpRequestFactory.class);
		});
	}

	@Test
	void restTemplateBuilderUsesTheWrappedFactory() {
		this.contextRunner.withPropertyValues(BootAutoConfigurations.HTTP_CLIENT_FACTORY_PROPERTY + "=simple")
			.run((context) -> {
				ClientHttpRequestFactory factory = BootAutoConfigurations.restTemplate(context, null)
					.getRequestFactory();
				assertThat(factory).isInstanceOf(CancellableClientHttpRequestFactory.class);
			});
	}

	@Test
	void factoriesAreNotWrappedWhenDisabled() {
		this.contextRunner
			.withPropertyValues(BootAutoConfigurations.HTTP_CLIENT_FACTORY_PROPERTY + "=simple",
					"parallel-tasks.cancel.http.enabled=false")
			.run((context) -> assertThat(BootAutoConfigurations.requestFactory(context))
				.isInstanceOf(SimpleClientHttpRequestFactory.class));
	}

	private void assertDelegate(String factory, Class<?> delegateType) {
		this.contextRunner.withPropertyValues(BootAutoConfigurations.HTTP_CLIENT_FACTORY_PROPERTY + "=" + factory)
			.run((context) -> {
				ClientHttpRequestFactory requestFactory = BootAutoConfigurations.requestFactory(context);
				assertThat(requestFactory).isInstanceOf(CancellableClientHttpRequestFactory.class);
				assertThat(((CancellableClientHttpRequestFactory) requestFactory).getDelegate())
					.isInstanceOf(delegateType);
			});
	}

	private void assertFactory(String factory, Class<?> type) {
		this.contextRunner.withPropertyValues(BootAutoConfigurations.HTTP_CLIENT_FACTORY_PROPERTY + "=" + factory)
			.run((context) -> assertThat(BootAutoConfigurations.requestFactory(context)).isInstanceOf(type));
	}

}
