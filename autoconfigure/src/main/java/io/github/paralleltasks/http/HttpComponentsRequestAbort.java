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

import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.jspecify.annotations.Nullable;

/**
 * Outermost {@link ExecChainHandler} of Apache HttpClient 5 (classic) that offers the
 * current {@link RequestCancellation} to cancel the request being executed: cancelling an
 * {@code HttpUriRequestBase} closes its connection and stops its retries and redirects.
 *
 * @author parallel-tasks authors
 */
final class HttpComponentsRequestAbort implements ExecChainHandler {

	static final String NAME = "parallel-tasks-cancel";

	private static final HttpComponentsRequestAbort INSTANCE = new HttpComponentsRequestAbort();

	static void addTo(HttpClientBuilder builder) {
		builder.addExecInterceptorFirst(NAME, INSTANCE);
	}

	@Override
	public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
			throws IOException, HttpException {
		RequestCancellation cancellation = RequestCancellation.current();
		if (cancellation != null) {
			Cancellable cancellable = cancellable(scope);
			if (cancellable != null) {
				cancellation.abortWith(cancellable::cancel);
			}
		}
		return chain.proceed(request, scope);
	}

	private static @Nullable Cancellable cancellable(ExecChain.Scope scope) {
		if (scope.originalRequest instanceof Cancellable request) {
			return request;
		}
		return (scope.execRuntime instanceof Cancellable runtime) ? runtime : null;
	}

}
