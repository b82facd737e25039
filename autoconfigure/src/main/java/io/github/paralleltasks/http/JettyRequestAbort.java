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

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;

/**
 * {@link Request.QueuedListener} of Jetty's {@link HttpClient} that offers the current
 * {@link RequestCancellation} to abort the request being sent. Jetty queues a request on
 * the thread that sends it; an interrupt only stops that thread from waiting, while
 * {@link Request#abort(Throwable)} also closes the exchange.
 *
 * @author parallel-tasks authors
 */
final class JettyRequestAbort implements Request.QueuedListener {

	private static final JettyRequestAbort INSTANCE = new JettyRequestAbort();

	static void addTo(HttpClient httpClient) {
		httpClient.getRequestListeners().addQueuedListener(INSTANCE);
	}

	@Override
	public void onQueued(Request request) {
		RequestCancellation cancellation = RequestCancellation.current();
		if (cancellation != null) {
			cancellation.abortWith(() -> request.abort(CancellableClientHttpRequest.aborted()));
		}
	}

}
