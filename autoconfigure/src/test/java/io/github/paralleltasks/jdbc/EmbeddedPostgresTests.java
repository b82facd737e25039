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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests of the {@link EmbeddedPostgres} fixture and of what the other tests build on:
 * {@link Statement#cancel()} stops a query in the server.
 *
 * @author parallel-tasks authors
 */
class EmbeddedPostgresTests {

	private final EmbeddedPostgres postgres = EmbeddedPostgres.get();

	@Test
	void serverRunsAsAnUnprivilegedUser() throws SQLException {
		assertThat(this.postgres.serverUsers()).isNotEmpty().doesNotContain("root");
		try (Connection connection = this.postgres.connect("fixture-test");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_setting('server_version_num')::int")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getInt(1)).isGreaterThanOrEqualTo(140000);
		}
	}

	@Test
	void statementCancelFromAnotherThreadStopsTheQueryInTheServer() throws Exception {
		try (Connection connection = this.postgres.connect("fixture-cancel");
				Statement statement = connection.createStatement();
				ServerActivity activity = new ServerActivity(this.postgres)) {
			CompletableFuture<Boolean> query = CompletableFuture.supplyAsync(() -> {
				try {
					return statement.execute("SELECT pg_sleep(30)");
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
			activity.awaitActive("fixture-cancel", 1);
			statement.cancel();
			assertThatExceptionOfType(Exception.class).isThrownBy(query::join)
				.havingRootCause()
				.isInstanceOf(SQLException.class)
				.withMessageContaining("canceling statement due to user request");
			activity.awaitActive("fixture-cancel", 0);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(this.postgres.cancelledStatements("fixture-cancel")).hasSize(1));
		}
	}

}
