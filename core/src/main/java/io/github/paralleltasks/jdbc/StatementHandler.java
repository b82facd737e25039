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
import java.sql.SQLException;
import java.sql.Statement;

import io.github.paralleltasks.CancelRegistration;
import io.github.paralleltasks.ParallelTaskTemplate;

/**
 * Handler of a {@link Statement}, {@link java.sql.PreparedStatement} or
 * {@link java.sql.CallableStatement} proxy: while one of its {@code execute} methods runs
 * on the thread of a batch task, {@link Statement#cancel()} is registered with
 * {@link ParallelTaskTemplate#onCancel(AutoCloseable)}, so that cancelling the task
 * cancels the statement in the database before the task's thread is interrupted.
 *
 * @author parallel-tasks authors
 */
final class StatementHandler extends JdbcProxyHandler {

	private final Connection connection;

	// created once, so that an execution outside a batch allocates nothing
	private final AutoCloseable cancel;

	StatementHandler(Statement target, Class<?> type, Connection connection) {
		super(target, type);
		this.connection = connection;
		this.cancel = target::cancel;
	}

	@Override
	Object handle(Object proxy, Method method, Object[] args) throws Throwable {
		String name = method.getName();
		if (name.startsWith("execute")) {
			try (CancelRegistration registration = ParallelTaskTemplate.onCancel(this.cancel)) {
				if (ParallelTaskTemplate.isCancelled()) {
					// The hook ran at once, before the statement was sent: a database
					// ignores
					// a cancel when nothing runs, so the statement must not be sent at
					// all
					throw new SQLException("Statement was not executed: its task was cancelled", "57014");
				}
				return invokeTarget(method, args);
			}
		}
		if (name.equals("getConnection") && args == null) {
			return this.connection;
		}
		return invokeTarget(method, args);
	}

}
