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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * What the server is running, read from {@code pg_stat_activity} on a connection of its
 * own, outside the pool and the code under test.
 *
 * @author parallel-tasks authors
 */
public final class ServerActivity implements AutoCloseable {

	/**
	 * Upper bound of every wait, never reached when the tests pass.
	 */
	public static final Duration WAIT = Duration.ofSeconds(15);

	private final Connection connection;

	private final PreparedStatement activeQueries;

	/**
	 * Create a new {@code ServerActivity} with a connection of its own to the server.
	 * @param postgres the server
	 * @throws SQLException if the connection cannot be opened
	 */
	public ServerActivity(EmbeddedPostgres postgres) throws SQLException {
		this.connection = postgres.connect("server-activity");
		this.activeQueries = this.connection.prepareStatement("SELECT count(*) FROM pg_stat_activity "
				+ "WHERE application_name = ? AND state = 'active' AND pid <> pg_backend_pid()");
	}

	/**
	 * Return how many statements of the given application the server is running now.
	 * @param applicationName the {@code application_name} of their connections
	 * @return the number of active statements
	 */
	public int active(String applicationName) {
		try {
			this.activeQueries.setString(1, applicationName);
			try (ResultSet result = this.activeQueries.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Wait, polling every few milliseconds, until the server runs exactly {@code count}
	 * statements of the given application.
	 * @param applicationName the {@code application_name} of their connections
	 * @param count the number of active statements to wait for
	 */
	public void awaitActive(String applicationName, int count) {
		await().atMost(WAIT)
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(5))
			.until(() -> active(applicationName) == count);
	}

	@Override
	public void close() throws SQLException {
		this.connection.close();
	}

}
