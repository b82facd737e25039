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

import java.sql.Connection;
import java.sql.ConnectionBuilder;

import io.github.paralleltasks.jdbc.JdbcCancellation;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;

/**
 * {@link MethodInterceptor} of the class-based proxy of a data source bean: the
 * connections that it returns, directly or from a {@link ConnectionBuilder}, are
 * {@linkplain JdbcCancellation#wrap(Connection) wrapped} so that their statements are
 * cancelled with their batch task. {@code unwrap} and {@code isWrapperFor} give the proxy
 * for every type that it is, as the wrappers of {@link JdbcCancellation} do, and the
 * target's answer for any other.
 *
 * @author parallel-tasks authors
 */
final class DataSourceCancellationInterceptor implements MethodInterceptor {

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object[] arguments = invocation.getArguments();
		if (arguments.length == 1 && arguments[0] instanceof Class<?> type
				&& invocation instanceof ProxyMethodInvocation proxied && type.isInstance(proxied.getProxy())) {
			switch (invocation.getMethod().getName()) {
				case "unwrap":
					return proxied.getProxy();
				case "isWrapperFor":
					return true;
				default:
					break;
			}
		}
		Object result = invocation.proceed();
		if (result instanceof Connection connection) {
			return JdbcCancellation.wrap(connection);
		}
		if (result instanceof ConnectionBuilder builder) {
			return JdbcCancellation.wrap(builder);
		}
		return result;
	}

}
