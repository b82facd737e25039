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

package io.github.paralleltasks.http;

import java.util.function.Function;

import io.github.paralleltasks.ParallelTaskTemplate;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JettyClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.SimpleClientHttpRequestFactoryBuilder;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.util.ClassUtils;

/**
 * Makes the requests of a Spring Boot {@link ClientHttpRequestFactoryBuilder}, and so of
 * the {@code RestClient.Builder}, the {@code RestTemplateBuilder} and the
 * {@link ClientHttpRequestFactory} that Spring Boot configures with it, abort when the
 * parallel task that executes them is cancelled. Applied to the auto-configured builder
 * by {@link ClientHttpRequestCancellationCustomizer}; on a builder of your own, use
 * {@link #apply(ClientHttpRequestFactoryBuilder)}.
 *
 * <p>
 * The builders of the factories that an interrupt does not stop are wrapped so that they
 * build a {@link CancellableClientHttpRequestFactory}: {@code simple}
 * ({@code HttpURLConnection}, aborted with {@code disconnect()}), {@code http-components}
 * (Apache HttpClient 5 classic, aborted with {@code HttpUriRequestBase.cancel()}) and
 * {@code jetty} (aborted with {@code Request.abort(Throwable)}). The builders of
 * {@code jdk} and {@code reactor}, whose requests an interrupt stops, and any other
 * builder are returned as they are.
 *
 * <p>
 * A wrapped builder is no longer of its original type, so a customization of a specific
 * builder type that is applied after this one has nothing to act on: apply this one last.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 * @see ParallelTaskTemplate#onCancel(AutoCloseable)
 */
public final class ClientHttpRequestCancellation {

	private static final boolean httpComponentsPresent = ClassUtils
		.isPresent("org.apache.hc.client5.http.impl.classic.HttpClientBuilder", null);

	private static final boolean jettyPresent = ClassUtils.isPresent("org.eclipse.jetty.client.HttpClient", null);

	private static final Function<ClientHttpRequest, Runnable> NO_DIRECT_ABORT = (request) -> null;

	private ClientHttpRequestCancellation() {
	}

	/**
	 * Return a builder whose requests abort when the parallel task that executes them is
	 * cancelled, or the given builder if its requests need no help or cannot be aborted.
	 * @param builder the builder to wrap
	 * @return the cancellable builder, or {@code builder}
	 */
	public static ClientHttpRequestFactoryBuilder<?> apply(ClientHttpRequestFactoryBuilder<?> builder) {
		if (builder instanceof SimpleClientHttpRequestFactoryBuilder) {
			SimpleConnectionAbort abort = SimpleConnectionAbort.find();
			return (abort != null) ? cancellable(builder, abort) : builder;
		}
		if (httpComponentsPresent && builder instanceof HttpComponentsClientHttpRequestFactoryBuilder httpComponents) {
			return cancellable(httpComponents.withHttpClientCustomizer(HttpComponentsRequestAbort::addTo),
					NO_DIRECT_ABORT);
		}
		if (jettyPresent && builder instanceof JettyClientHttpRequestFactoryBuilder jetty) {
			return cancellable(jetty.withHttpClientCustomizer(JettyRequestAbort::addTo), NO_DIRECT_ABORT);
		}
		return builder;
	}

	// The settings are of another type on each Spring Boot line; the lambda compiles on
	// both
	private static ClientHttpRequestFactoryBuilder<CancellableClientHttpRequestFactory> cancellable(
			ClientHttpRequestFactoryBuilder<?> builder, Function<ClientHttpRequest, Runnable> abortOfRequest) {
		return (settings) -> new CancellableClientHttpRequestFactory(builder.build(settings), abortOfRequest);
	}

}
