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

import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.jdbc.JdbcCancellation;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that makes the JDBC statements of batch tasks cancellable: every
 * {@link DataSource} bean is wrapped with {@link JdbcCancellation#wrap(DataSource)}, so
 * that a statement that a cancelled task is executing is cancelled in the database before
 * the task's thread is interrupted.
 *
 * <p>
 * Turned off with {@code parallel-tasks.cancel.jdbc.enabled=false}, and with
 * {@code parallel-tasks.enabled=false}.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 * @see ParallelTaskTemplate#onCancel(AutoCloseable)
 */
@AutoConfiguration
@ConditionalOnClass(DataSource.class)
@ConditionalOnBooleanProperty(name = "parallel-tasks.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "parallel-tasks.cancel.jdbc.enabled", matchIfMissing = true)
public final class ParallelTaskJdbcAutoConfiguration {

	@Bean
	static JdbcCancellationBeanPostProcessor parallelTaskJdbcCancellationBeanPostProcessor() {
		return new JdbcCancellationBeanPostProcessor();
	}

}
