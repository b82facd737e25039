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

package io.github.paralleltasks.jdbc;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.Statement;

/**
 * Handler of a {@link Connection} proxy: every statement that the connection creates or
 * prepares is a proxy of {@link StatementHandler}.
 *
 * @author parallel-tasks authors
 */
final class ConnectionHandler extends JdbcProxyHandler {

	ConnectionHandler(Connection target) {
		super(target, Connection.class);
	}

	@Override
	Object handle(Object proxy, Method method, Object[] args) throws Throwable {
		Object result = invokeTarget(method, args);
		if (result instanceof Statement statement && Statement.class.isAssignableFrom(method.getReturnType())
				&& !isProxiedBy(statement, StatementHandler.class)) {
			return JdbcCancellation.proxy(method.getReturnType(),
					new StatementHandler(statement, method.getReturnType(), (Connection) proxy));
		}
		return result;
	}

}
