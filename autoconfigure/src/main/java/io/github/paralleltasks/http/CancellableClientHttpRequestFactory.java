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

import java.io.IOException;
import java.net.URI;
import java.util.function.Function;

import io.github.paralleltasks.ParallelTaskTemplate;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.AbstractClientHttpRequestFactoryWrapper;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * {@link ClientHttpRequestFactory} whose requests are aborted when the parallel task that
 * executes them is cancelled, from the moment a request is executed until its response is
 * closed or its execution fails. Outside a batch its requests behave as those of the
 * factory it wraps, at the cost of one small allocation each.
 *
 * <p>
 * The abort is registered with {@link ParallelTaskTemplate#onCancel(AutoCloseable)}, so
 * it runs before the task's thread is interrupted: this stops requests that an interrupt
 * does not stop, such as those of {@code HttpURLConnection} and of Apache HttpClient on
 * platform threads, and closes the exchange of Jetty's client, which an interrupt only
 * stops waiting for.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 * @see ClientHttpRequestCancellationCustomizer
 */
public final class CancellableClientHttpRequestFactory extends AbstractClientHttpRequestFactoryWrapper
		implements InitializingBean, DisposableBean {

	private final Function<ClientHttpRequest, Runnable> abortOfRequest;

	/**
	 * Create a new {@code CancellableClientHttpRequestFactory}.
	 * @param delegate the factory whose requests to make cancellable
	 * @param abortOfRequest how to abort a request of the delegate, or {@code null} when
	 * the HTTP client offers it while the request executes
	 */
	CancellableClientHttpRequestFactory(ClientHttpRequestFactory delegate,
			Function<ClientHttpRequest, Runnable> abortOfRequest) {
		super(delegate);
		this.abortOfRequest = abortOfRequest;
	}

	@Override
	protected ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod, ClientHttpRequestFactory requestFactory)
			throws IOException {
		return new CancellableClientHttpRequest(requestFactory.createRequest(uri, httpMethod), this.abortOfRequest);
	}

	@Override
	public void afterPropertiesSet() throws Exception {
		if (getDelegate() instanceof InitializingBean initializingBean) {
			initializingBean.afterPropertiesSet();
		}
	}

	@Override
	public void destroy() throws Exception {
		if (getDelegate() instanceof DisposableBean disposableBean) {
			disposableBean.destroy();
		}
	}

}
