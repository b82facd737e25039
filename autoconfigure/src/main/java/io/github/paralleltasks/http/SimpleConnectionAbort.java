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

import java.lang.reflect.Field;
import java.net.HttpURLConnection;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Aborts a request of a {@link SimpleClientHttpRequestFactory} by disconnecting its
 * {@link HttpURLConnection}, which closes its socket and keeps the JDK from sending the
 * request again.
 *
 * <p>
 * Spring's request keeps its connection in a private field, and Spring Boot's builder
 * creates a private subclass of the factory, so that its {@code prepareConnection} cannot
 * be overridden: the field is the only place to take the connection from.
 *
 * @author parallel-tasks authors
 */
final class SimpleConnectionAbort implements Function<ClientHttpRequest, Runnable> {

	private static final Log logger = LogFactory.getLog(SimpleConnectionAbort.class);

	private static final String REQUEST_CLASS = "org.springframework.http.client.SimpleClientHttpRequest";

	private final Class<?> requestType;

	private final Field connection;

	private SimpleConnectionAbort(Class<?> requestType, Field connection) {
		this.requestType = requestType;
		this.connection = connection;
	}

	/**
	 * Return how to abort the requests of a {@link SimpleClientHttpRequestFactory}.
	 * @return the abort, or {@code null} if this version of Spring keeps the connection
	 * where it cannot be found
	 */
	static @Nullable SimpleConnectionAbort find() {
		try {
			Class<?> requestType = ClassUtils.forName(REQUEST_CLASS,
					SimpleClientHttpRequestFactory.class.getClassLoader());
			Field field = ReflectionUtils.findField(requestType, "connection", HttpURLConnection.class);
			if (field != null) {
				ReflectionUtils.makeAccessible(field);
				return new SimpleConnectionAbort(requestType, field);
			}
		}
		catch (ClassNotFoundException | LinkageError | RuntimeException ex) {
			logger.debug("Cannot find the connection of " + REQUEST_CLASS, ex);
		}
		logger.warn("Cannot find the HttpURLConnection of Spring's " + REQUEST_CLASS
				+ ": a cancelled parallel task cannot abort its requests, which platform threads then wait for to the end");
		return null;
	}

	@Override
	public @Nullable Runnable apply(ClientHttpRequest request) {
		if (!this.requestType.isInstance(request)) {
			return null;
		}
		HttpURLConnection connection = (HttpURLConnection) ReflectionUtils.getField(this.connection, request);
		return (connection != null) ? connection::disconnect : null;
	}

}
