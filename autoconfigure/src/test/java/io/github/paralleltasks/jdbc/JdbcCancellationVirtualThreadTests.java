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

import javax.sql.DataSource;

import io.github.paralleltasks.FatalTaskException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.jdbc.core.JdbcTemplate;

import static io.github.paralleltasks.jdbc.QueryCancelScenario.SLOW_QUERY;
import static io.github.paralleltasks.jdbc.QueryCancelScenario.SLOW_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a fatal error cancels in PostgreSQL the queries that its siblings wait on,
 * with Spring Boot's {@code applicationTaskExecutor} on virtual threads, where an
 * interrupt closes the socket but leaves the query running in the database, and where the
 * statement must be cancelled before that interrupt.
 *
 * @author parallel-tasks authors
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class JdbcCancellationVirtualThreadTests {

	@Test
	void fatalErrorCancelsJdbcTemplateQueriesOfItsSiblingsInTheDatabase() {
		QueryCancelScenario scenario = new QueryCancelScenario("pt-virtual-jdbc-template");
		scenario.contextRunner().withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			FatalTaskException ex = scenario.invokeAll(context,
					() -> jdbc.queryForObject(SLOW_QUERY, Integer.class, SLOW_SECONDS));
			scenario.assertQueriesCancelledInTheServer(context, ex);
			assertRanOnVirtualThreads(scenario);
		});
	}

	@Test
	void fatalErrorCancelsPlainJdbcStatementsOfItsSiblingsInTheDatabase() {
		QueryCancelScenario scenario = new QueryCancelScenario("pt-virtual-plain-jdbc");
		scenario.contextRunner().withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			FatalTaskException ex = scenario.invokeAll(context, () -> {
				try (Connection connection = dataSource.getConnection();
						Statement statement = connection.createStatement()) {
					return statement.execute("SELECT pg_sleep(" + SLOW_SECONDS + ")");
				}
			});
			scenario.assertQueriesCancelledInTheServer(context, ex);
			assertRanOnVirtualThreads(scenario);
		});
	}

	private static void assertRanOnVirtualThreads(QueryCancelScenario scenario) throws Exception {
		Method isVirtual = Thread.class.getMethod("isVirtual");
		assertThat(scenario.threads().values()).hasSize(2)
			.allSatisfy((thread) -> assertThat(isVirtual.invoke(thread)).isEqualTo(true));
	}

}
