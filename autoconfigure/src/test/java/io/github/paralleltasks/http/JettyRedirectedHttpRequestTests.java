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

import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.paralleltasks.http.SlowHttpServer.SlowRequest;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.RedirectProtocolHandler;
import org.eclipse.jetty.client.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link JettyRequestAbort} with a real Jetty {@link HttpClient} and the
 * {@link SlowHttpServer}, for a cancel that the context-level tests cannot time: one that
 * comes after a {@code 302} was received and before Jetty queued the redirect.
 *
 * @author parallel-tasks authors
 */
class JettyRedirectedHttpRequestTests {

	private SlowHttpServer server;

	private HttpClient httpClient;

	private PausingRedirectProtocolHandler redirects;

	@BeforeEach
	void start() throws Exception {
		this.server = new SlowHttpServer();
		this.httpClient = new HttpClient();
		JettyRequestAbort.addTo(this.httpClient);
		this.httpClient.start();
		this.redirects = new PausingRedirectProtocolHandler(this.httpClient);
		// Takes the place of Jetty's redirect handler (same name), put by start()
		this.httpClient.getProtocolHandlers().put(this.redirects);
	}

	@AfterEach
	void stop() throws Exception {
		this.redirects.resume.countDown();
		this.httpClient.stop();
		this.server.close();
	}

	@Test
	void redirectQueuedAfterTheCancelIsAborted() throws Exception {
		RequestCancellation cancellation = new RequestCancellation();
		CompletableFuture<Result> result = new CompletableFuture<>();
		try (RequestCancellation.Scope scope = cancellation.bind()) {
			this.httpClient.newRequest(this.server.url() + "/redirect").send(result::complete);
		}
		assertThat(this.redirects.received.await(10, TimeUnit.SECONDS)).as("302 received").isTrue();
		// The first request's exchange has ended; the redirect's does not exist yet
		cancellation.cancel();
		long cancelled = System.nanoTime();
		this.redirects.resume.countDown();
		assertThat(result).as("result of the redirected request")
			.succeedsWithin(CancelledSiblings.CLOSE_MARGIN)
			.satisfies((ended) -> assertThat(ended.getFailure()).isInstanceOf(InterruptedIOException.class));
		assertThat(this.server.redirects()).as("requests to /redirect").isOne();
		// Aborted when queued, so not sent; if it had been, its connection must be closed
		for (SlowRequest request : this.server.slowRequests()) {
			assertThat(request.awaitEnd(CancelledSiblings.CLOSE_MARGIN)).as("request to /slow ended").isTrue();
			assertThat(request.answeredNanos()).as("answered at").isZero();
			assertThat(request.clientClosedNanos() - cancelled).as("closed after the cancel").isPositive();
		}
	}

	/**
	 * Jetty's redirect handling, held after the {@code 302} arrived until the test
	 * resumes it.
	 */
	static final class PausingRedirectProtocolHandler extends RedirectProtocolHandler {

		final CountDownLatch received = new CountDownLatch(1);

		final CountDownLatch resume = new CountDownLatch(1);

		PausingRedirectProtocolHandler(HttpClient client) {
			super(client);
		}

		@Override
		public void onComplete(Result result) {
			this.received.countDown();
			try {
				this.resume.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			super.onComplete(result);
		}

	}

}
