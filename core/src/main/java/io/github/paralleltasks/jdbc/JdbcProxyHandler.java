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
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Base of the invocation handlers of the JDBC proxies: it answers the
 * {@link java.sql.Wrapper} and {@link Object} methods of the proxy and passes every other
 * call to the target.
 *
 * <p>
 * {@code unwrap} and {@code isWrapperFor} are answered by the proxy for its JDBC type
 * ({@code DataSource}, {@code Connection}, {@code PreparedStatement}...) and the
 * supertypes of that type, and by the target for any other type, so that the pool, the
 * driver's classes and their interfaces remain reachable. A proxy of a data source also
 * implements the other interfaces of its target (so that the bean can be injected as
 * such), yet unwrapping to one of them gives the target: Spring Boot's
 * {@code DataSourceUnwrapper} casts what {@code unwrap(HikariConfigMXBean.class)} returns
 * to {@code HikariDataSource}.
 *
 * @author parallel-tasks authors
 */
abstract class JdbcProxyHandler implements InvocationHandler {

	private final Object target;

	private final Class<?> jdbcType;

	JdbcProxyHandler(Object target, Class<?> jdbcType) {
		this.target = target;
		this.jdbcType = jdbcType;
	}

	final Object getTarget() {
		return this.target;
	}

	@Override
	public final Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		switch (method.getName()) {
			case "unwrap":
				if (args.length == 1 && isJdbcType(args[0])) {
					return proxy;
				}
				break;
			case "isWrapperFor":
				if (args.length == 1 && isJdbcType(args[0])) {
					return true;
				}
				break;
			case "equals":
				if (args.length == 1) {
					return proxy == args[0];
				}
				break;
			case "hashCode":
				if (args == null) {
					return System.identityHashCode(proxy);
				}
				break;
			case "toString":
				if (args == null) {
					return "Cancellable proxy for target " + this.jdbcType.getSimpleName() + " [" + this.target + "]";
				}
				break;
			default:
		}
		return handle(proxy, method, args);
	}

	private boolean isJdbcType(Object type) {
		return type instanceof Class<?> requested && requested.isAssignableFrom(this.jdbcType);
	}

	/**
	 * Handle a call that is not one of the {@link java.sql.Wrapper} and {@link Object}
	 * methods that the proxy answers itself.
	 */
	abstract Object handle(Object proxy, Method method, Object[] args) throws Throwable;

	/**
	 * Call the method on the target, throwing what it throws.
	 */
	final Object invokeTarget(Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(this.target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

	static boolean isProxiedBy(Object object, Class<? extends JdbcProxyHandler> handlerType) {
		return object != null && Proxy.isProxyClass(object.getClass())
				&& handlerType.isInstance(Proxy.getInvocationHandler(object));
	}

}
