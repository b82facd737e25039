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
import org.eclipse.jetty.client.transport.HttpConversation;
import org.eclipse.jetty.client.transport.HttpRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * {@link Request.QueuedListener} of Jetty's {@link HttpClient} that offers the current
 * {@link RequestCancellation} to abort the request being sent. Jetty queues a request on
 * the thread that sends it; an interrupt only stops that thread from waiting, while
 * {@link Request#abort(Throwable)} also closes the exchange.
 *
 * <p>
 * A redirect (or an authentication retry) that Jetty follows is a new request, sent from
 * one of Jetty's threads, where no cancellation is current. Jetty's {@code abort} of the
 * first request already aborts the conversation's latest exchange, but not a redirect
 * whose exchange does not exist yet: a cancel between the end of the {@code 302} and the
 * redirect being queued would abort nothing. So the cancellation is also kept as an
 * attribute of the {@link HttpConversation}, which Jetty shares across the requests of a
 * redirect chain, and each later request of the conversation offers its own abort when it
 * is queued, or is aborted at once if the task was cancelled meanwhile.
 *
 * <p>
 * {@link HttpRequest#getConversation()} is not part of Jetty's {@link Request} API: it
 * belongs to Jetty's implementation class {@link HttpRequest} (the same in Jetty 12.0 and
 * 12.1). If that class is missing, or a request is not one, only the request sent from
 * the task's thread is offered, as before.
 *
 * @author parallel-tasks authors
 */
final class JettyRequestAbort implements Request.QueuedListener {

	private static final String CONVERSATION_ATTRIBUTE = RequestCancellation.class.getName();

	private static final boolean conversationPresent = ClassUtils
		.isPresent("org.eclipse.jetty.client.transport.HttpRequest", JettyRequestAbort.class.getClassLoader());

	private static final JettyRequestAbort INSTANCE = new JettyRequestAbort();

	static void addTo(HttpClient httpClient) {
		httpClient.getRequestListeners().addQueuedListener(INSTANCE);
	}

	@Override
	public void onQueued(Request request) {
		RequestCancellation cancellation = (conversationPresent) ? Conversations.cancellation(request)
				: RequestCancellation.current();
		if (cancellation != null) {
			cancellation.abortWith(() -> request.abort(CancellableClientHttpRequest.aborted()));
		}
	}

	/**
	 * Keeps the code that uses Jetty's implementation classes apart, so that this class
	 * loads without them.
	 */
	private static final class Conversations {

		/**
		 * Return the cancellation of the conversation of {@code request}: the one that
		 * its first request was sent with, or else the current one, which is then kept
		 * for the conversation's later requests.
		 */
		static @Nullable RequestCancellation cancellation(Request request) {
			if (!(request instanceof HttpRequest httpRequest)) {
				return RequestCancellation.current();
			}
			HttpConversation conversation = httpRequest.getConversation();
			if (conversation.getAttribute(CONVERSATION_ATTRIBUTE) instanceof RequestCancellation first) {
				return first;
			}
			RequestCancellation current = RequestCancellation.current();
			if (current != null) {
				conversation.setAttribute(CONVERSATION_ATTRIBUTE, current);
			}
			return current;
		}

	}

}
