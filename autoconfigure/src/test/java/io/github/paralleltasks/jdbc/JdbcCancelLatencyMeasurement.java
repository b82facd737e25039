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

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.github.paralleltasks.jdbc.QueryCancelScenario.SLOW_QUERY;
import static io.github.paralleltasks.jdbc.QueryCancelScenario.SLOW_SECONDS;

/**
 * Measures, by hand only, how long after a fatal error the server logs that it cancelled
 * the siblings' queries. Run with
 * {@code ./mvnw -pl autoconfigure test -Dtest=JdbcCancelLatencyMeasurement -Dparallel-tasks.measure=true -Dsurefire.failIfNoSpecifiedTests=false}
 * (on Java 21 or later for the virtual-thread cases).
 *
 * @author parallel-tasks authors
 */
@EnabledIfSystemProperty(named = "parallel-tasks.measure", matches = "true")
class JdbcCancelLatencyMeasurement {

	private static final int SAMPLES = 11;

	@Test
	void platformThreadsJdbcTemplate() {
		measure("platform, JdbcTemplate over HikariCP", false, true);
	}

	@Test
	void platformThreadsPlainJdbc() {
		measure("platform, plain JDBC Statement.execute", false, false);
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsJdbcTemplate() {
		measure("virtual, JdbcTemplate over HikariCP", true, true);
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsPlainJdbc() {
		measure("virtual, plain JDBC Statement.execute", true, false);
	}

	private void measure(String name, boolean virtual, boolean jdbcTemplate) {
		List<Duration> samples = new ArrayList<>();
		for (int i = 0; i < SAMPLES + 1; i++) {
			QueryCancelScenario scenario = new QueryCancelScenario("pt-measure-" + virtual + jdbcTemplate + "-" + i);
			ApplicationContextRunner runner = scenario.contextRunner()
				.withPropertyValues("spring.threads.virtual.enabled=" + virtual);
			int sample = i;
			runner.run((context) -> {
				DataSource dataSource = context.getBean(DataSource.class);
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				scenario.invokeAll(context,
						jdbcTemplate ? () -> jdbc.queryForObject(SLOW_QUERY, Integer.class, SLOW_SECONDS) : () -> {
							try (Connection connection = dataSource.getConnection();
									Statement statement = connection.createStatement()) {
								return statement.execute("SELECT pg_sleep(" + SLOW_SECONDS + ")");
							}
						});
				Duration latency = scenario.lastCancelAfterThrow();
				if (sample > 0) {
					// the first one warms up the JVM
					samples.add(latency);
				}
				scenario.assertIdle(context);
			});
		}
		List<Duration> sorted = samples.stream().sorted().toList();
		System.out.printf("MEASURE | %s | median %.1f ms | min %.1f ms | max %.1f ms | n=%d%n", name,
				millis(sorted.get(sorted.size() / 2)), millis(sorted.get(0)), millis(sorted.get(sorted.size() - 1)),
				sorted.size());
	}

	private static double millis(Duration duration) {
		return duration.toNanos() / 1e6;
	}

}
