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

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;

import javax.sql.DataSource;

import io.github.paralleltasks.jdbc.CancellableDataSource;
import io.github.paralleltasks.jdbc.JdbcCancellation;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * {@link BeanPostProcessor} that makes the statements of every {@link DataSource} bean
 * cancellable by its batch, once.
 *
 * <p>
 * A data source is proxied by class, so that the bean can still be injected as its own
 * type ({@code HikariDataSource} for instance), and the proxy implements
 * {@link CancellableDataSource}: {@link DataSourceCancellationInterceptor} wraps the
 * connections that it returns with {@link JdbcCancellation#wrap(java.sql.Connection)}. A
 * data source whose class cannot be subclassed faithfully (final, with public final
 * methods, or a JDK or Spring proxy already) is wrapped with
 * {@link JdbcCancellation#wrap(DataSource)} instead, which implements every public
 * interface of its class.
 *
 * <p>
 * Routing and delegating data sources ({@code AbstractRoutingDataSource},
 * {@code DelegatingDataSource}, {@code LazyConnectionDataSourceProxy}...) are proxied
 * too, since their targets are often not beans; when their targets are beans as well, a
 * statement is still registered once, since wrapped connections and statements are not
 * wrapped again. Spring Boot still finds the pool behind the proxy, and destroys the bean
 * that the proxy wraps.
 *
 * @author parallel-tasks authors
 */
class JdbcCancellationBeanPostProcessor implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof DataSource dataSource) || JdbcCancellation.isWrapped(dataSource)) {
			return bean;
		}
		if (!canProxyByClass(bean)) {
			return JdbcCancellation.wrap(dataSource);
		}
		ProxyFactory proxyFactory = new ProxyFactory(bean);
		proxyFactory.setProxyTargetClass(true);
		proxyFactory.addInterface(CancellableDataSource.class);
		proxyFactory.addAdvice(new DataSourceCancellationInterceptor());
		return proxyFactory.getProxy(bean.getClass().getClassLoader());
	}

	private static boolean canProxyByClass(Object bean) {
		Class<?> type = bean.getClass();
		if (Modifier.isFinal(type.getModifiers()) || Proxy.isProxyClass(type) || AopUtils.isAopProxy(bean)) {
			return false;
		}
		// A final method would run on the proxy itself, whose fields are never set
		for (Method method : type.getMethods()) {
			if (Modifier.isFinal(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
					&& method.getDeclaringClass() != Object.class) {
				return false;
			}
		}
		return true;
	}

}
