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
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Map;
import java.util.function.Function;

import io.github.paralleltasks.CancelRegistration;
import io.github.paralleltasks.ParallelTaskTemplate;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;

/**
 * {@link ClientHttpRequest} that, while it executes and until its response is closed, is
 * aborted when the parallel task that sent it is cancelled.
 *
 * @author parallel-tasks authors
 */
final class CancellableClientHttpRequest implements ClientHttpRequest, StreamingHttpOutputMessage {

	private final ClientHttpRequest delegate;

	private final Function<ClientHttpRequest, Runnable> abortOfRequest;

	private @Nullable Body body;

	CancellableClientHttpRequest(ClientHttpRequest delegate, Function<ClientHttpRequest, Runnable> abortOfRequest) {
		this.delegate = delegate;
		this.abortOfRequest = abortOfRequest;
	}

	@Override
	public ClientHttpResponse execute() throws IOException {
		RequestCancellation cancellation = new RequestCancellation();
		Runnable abort = this.abortOfRequest.apply(this.delegate);
		if (abort != null) {
			cancellation.abortWith(abort);
		}
		CancelRegistration registration = ParallelTaskTemplate.onCancel(cancellation::cancel);
		try {
			if (cancellation.isCancelled()) {
				// An abort before the request is sent may not stop it from being sent
				throw aborted();
			}
			ClientHttpResponse response;
			try (RequestCancellation.Scope scope = cancellation.bind()) {
				writeBufferedBody();
				response = this.delegate.execute();
			}
			return new CancellableClientHttpResponse(response, registration);
		}
		catch (IOException | RuntimeException | Error ex) {
			registration.close();
			throw ex;
		}
	}

	static InterruptedIOException aborted() {
		return new InterruptedIOException("HTTP request aborted: its parallel task was cancelled");
	}

	private void writeBufferedBody() throws IOException {
		if (this.body != null) {
			OutputStream outputStream = this.delegate.getBody();
			this.body.writeTo(outputStream);
		}
	}

	@Override
	public void setBody(Body body) {
		if (this.delegate instanceof StreamingHttpOutputMessage streaming) {
			streaming.setBody(body);
		}
		else {
			this.body = body;
		}
	}

	@Override
	public OutputStream getBody() throws IOException {
		return this.delegate.getBody();
	}

	@Override
	public HttpMethod getMethod() {
		return this.delegate.getMethod();
	}

	@Override
	public URI getURI() {
		return this.delegate.getURI();
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.delegate.getAttributes();
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.delegate.getHeaders();
	}

}
