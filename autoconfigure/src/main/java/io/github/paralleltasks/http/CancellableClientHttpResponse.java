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
import java.io.InputStream;

import io.github.paralleltasks.CancelRegistration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * {@link ClientHttpResponse} that ends the cancel registration of its request when it is
 * closed.
 *
 * @author parallel-tasks authors
 */
final class CancellableClientHttpResponse implements ClientHttpResponse {

	private final ClientHttpResponse delegate;

	private final CancelRegistration registration;

	CancellableClientHttpResponse(ClientHttpResponse delegate, CancelRegistration registration) {
		this.delegate = delegate;
		this.registration = registration;
	}

	@Override
	public HttpStatusCode getStatusCode() throws IOException {
		return this.delegate.getStatusCode();
	}

	@Override
	public String getStatusText() throws IOException {
		return this.delegate.getStatusText();
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.delegate.getHeaders();
	}

	@Override
	public InputStream getBody() throws IOException {
		return this.delegate.getBody();
	}

	@Override
	public void close() {
		try {
			// May drain the rest of the body, which a cancel must still be able to stop
			this.delegate.close();
		}
		finally {
			this.registration.close();
		}
	}

}
