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

import javax.sql.DataSource;

import io.github.paralleltasks.jdbc.JdbcCancellation;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * {@link BeanPostProcessor} that wraps every {@link DataSource} bean with
 * {@link JdbcCancellation#wrap(DataSource)}, once.
 *
 * <p>
 * Routing and delegating data sources ({@code AbstractRoutingDataSource},
 * {@code DelegatingDataSource}, {@code LazyConnectionDataSourceProxy}...) are wrapped
 * too, since their targets are often not beans; when their targets are beans as well, a
 * statement is still registered once, since wrapped connections and statements are not
 * wrapped again. Spring Boot still finds the pool behind the wrapper through
 * {@code unwrap}, and destroys the bean that the wrapper wraps.
 *
 * @author parallel-tasks authors
 */
class JdbcCancellationBeanPostProcessor implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource) {
			return JdbcCancellation.wrap(dataSource);
		}
		return bean;
	}

}
