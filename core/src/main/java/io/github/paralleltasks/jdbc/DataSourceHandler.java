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
import java.sql.ConnectionBuilder;

/**
 * Handler of a {@link javax.sql.DataSource} proxy, and of the proxies of the
 * {@link ConnectionBuilder}s it creates: every connection they return is a proxy of
 * {@link ConnectionHandler}.
 *
 * @author parallel-tasks authors
 */
final class DataSourceHandler extends JdbcProxyHandler {

	DataSourceHandler(Object target, Class<?> type) {
		super(target, type);
	}

	@Override
	Object handle(Object proxy, Method method, Object[] args) throws Throwable {
		Object result = invokeTarget(method, args);
		if (result instanceof Connection connection) {
			return JdbcCancellation.wrap(connection);
		}
		if (result instanceof ConnectionBuilder builder) {
			// the builder's own methods return the builder itself
			return (result == getTarget()) ? proxy : JdbcCancellation.wrap(builder);
		}
		return result;
	}

}
