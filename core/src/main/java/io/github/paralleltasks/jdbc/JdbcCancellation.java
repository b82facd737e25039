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

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ConnectionBuilder;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import javax.sql.DataSource;

import io.github.paralleltasks.ParallelTaskTemplate;

/**
 * Makes the JDBC statements that a batch task executes cancellable by its batch: a
 * wrapped {@link DataSource} or {@link Connection} returns statements that, while one of
 * their {@code execute} methods ({@code execute}, {@code executeQuery},
 * {@code executeUpdate}, {@code executeLargeUpdate}, {@code executeBatch},
 * {@code executeLargeBatch}) runs on the thread of a batch task, register
 * {@link java.sql.Statement#cancel()} with {@link ParallelTaskTemplate#onCancel}. When
 * the batch cancels the task (a sibling's fatal error, a timeout, an interrupted caller),
 * the statement is cancelled in the database, and only then is the task's thread
 * interrupted.
 *
 * <p>
 * This matters because an interrupt does not stop a query: on a platform thread a JDBC
 * driver blocked in a socket read does not see it at all, and on a virtual thread the
 * interrupt closes the socket but the database runs the query on to its end. With
 * PostgreSQL, {@code Statement.cancel()} sends a cancel request and the server logs
 * "canceling statement due to user request".
 *
 * <p>
 * Outside a batch, an execution costs one thread-local read more than the target's.
 * Statements, connections and data sources that are wrapped already are not wrapped
 * again, so wrapping a routing or delegating data source and its targets cancels each
 * statement once. {@code unwrap} and {@code isWrapperFor} reach the target, so a pool
 * such as HikariCP can still be found behind the wrapper, and the wrapper of a
 * {@code DataSource} implements every public interface of its target. What {@code unwrap}
 * returns is the target itself: statements created from it are not cancellable.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public final class JdbcCancellation {

	private JdbcCancellation() {
	}

	/**
	 * Return a wrapper of the given data source whose statements are cancelled in the
	 * database when the batch task that executes them is cancelled, or the data source
	 * itself if it is such a wrapper already.
	 * <p>
	 * The wrapper implements every public interface of the data source's class (such as
	 * {@code HikariConfigMXBean} and {@code Closeable} for HikariCP), and passes every
	 * call to the data source.
	 * @param dataSource the data source to wrap
	 * @return the wrapper
	 */
	public static DataSource wrap(DataSource dataSource) {
		Objects.requireNonNull(dataSource, "DataSource must not be null");
		if (isWrapped(dataSource)) {
			return dataSource;
		}
		Set<Class<?>> interfaces = publicInterfaces(dataSource.getClass());
		ClassLoader classLoader = classLoader(dataSource.getClass());
		interfaces.removeIf((type) -> !isVisible(type, classLoader));
		interfaces.add(CancellableDataSource.class);
		return (DataSource) Proxy.newProxyInstance(classLoader, interfaces.toArray(Class<?>[]::new),
				new DataSourceHandler(dataSource, CancellableDataSource.class));
	}

	/**
	 * Return a wrapper of the given connection whose statements are cancelled in the
	 * database when the batch task that executes them is cancelled, or the connection
	 * itself if it is such a wrapper already.
	 * @param connection the connection to wrap
	 * @return the wrapper
	 */
	public static Connection wrap(Connection connection) {
		Objects.requireNonNull(connection, "Connection must not be null");
		if (JdbcProxyHandler.isProxiedBy(connection, ConnectionHandler.class)) {
			return connection;
		}
		return proxy(Connection.class, new ConnectionHandler(connection));
	}

	/**
	 * Return a wrapper of the given connection builder whose connections are
	 * {@linkplain #wrap(Connection) wrapped}.
	 * @param builder the connection builder to wrap
	 * @return the wrapper
	 */
	public static ConnectionBuilder wrap(ConnectionBuilder builder) {
		Objects.requireNonNull(builder, "ConnectionBuilder must not be null");
		return proxy(ConnectionBuilder.class, new DataSourceHandler(builder, ConnectionBuilder.class));
	}

	/**
	 * Return whether the statements of the given data source are cancellable: whether it
	 * is a {@link CancellableDataSource}, such as a wrapper that
	 * {@link #wrap(DataSource)} returned.
	 * @param dataSource the data source to check
	 * @return whether it is wrapped
	 */
	public static boolean isWrapped(DataSource dataSource) {
		return dataSource instanceof CancellableDataSource;
	}

	static <T> T proxy(Class<T> type, InvocationHandler handler) {
		return type
			.cast(Proxy.newProxyInstance(JdbcCancellation.class.getClassLoader(), new Class<?>[] { type }, handler));
	}

	private static Set<Class<?>> publicInterfaces(Class<?> type) {
		Set<Class<?>> interfaces = new LinkedHashSet<>();
		for (Class<?> current = type; current != null; current = current.getSuperclass()) {
			addPublicInterfaces(current.getInterfaces(), interfaces);
		}
		return interfaces;
	}

	private static void addPublicInterfaces(Class<?>[] types, Set<Class<?>> interfaces) {
		for (Class<?> type : types) {
			if (Modifier.isPublic(type.getModifiers()) && interfaces.add(type)) {
				addPublicInterfaces(type.getInterfaces(), interfaces);
			}
		}
	}

	private static ClassLoader classLoader(Class<?> type) {
		ClassLoader classLoader = type.getClassLoader();
		return (classLoader != null && isVisible(DataSource.class, classLoader)) ? classLoader
				: JdbcCancellation.class.getClassLoader();
	}

	private static boolean isVisible(Class<?> type, ClassLoader classLoader) {
		try {
			return Class.forName(type.getName(), false, classLoader) == type;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
