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
package io.github.paralleltasks.sample;

import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

/**
 * Order history service: what happened to an order, read from the database through
 * {@link JdbcTemplate}. For order {@code sample.history.slow-order-id} (by default 404,
 * the order whose customer lookup fails with a fatal error) it first runs a query that
 * the database takes long to answer, like a report over a table without an index: H2
 * counts the pairs of {@code SYSTEM_RANGE(1, n)} with itself, n² rows, for minutes with
 * the default n. When a fatal error cancels the order summary, the starter cancels that
 * statement in the database, and this service logs the database's answer at INFO before
 * it rethrows it.
 *
 * <p>
 * The database is H2, in memory, so that the sample starts with
 * {@code ./mvnw -pl sample-app -am spring-boot:run} on any machine and as any user:
 * PostgreSQL's binaries refuse to run as root. The starter's own tests run a real
 * PostgreSQL and check the cancel in the server there. H2 honours
 * {@link java.sql.Statement#cancel()}: a running query checks its session's cancel flag
 * and fails with "Statement was canceled or the session timed out" (SQLState
 * {@value #QUERY_CANCELLED}). An interrupt alone does not stop it: embedded H2 runs the
 * query on the thread that executes the statement and never looks at its interrupt flag,
 * so with {@code parallel-tasks.cancel.jdbc.enabled=false} the query runs to its end.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
@Service
public class OrderHistoryService {

	/**
	 * The SQLState of a statement that the database cancelled.
	 */
	public static final String QUERY_CANCELLED = "57014";

	private static final Log logger = LogFactory.getLog(OrderHistoryService.class);

	private static final String EVENTS = "SELECT status, at FROM order_event WHERE order_id = ? ORDER BY seq";

	private static final RowMapper<OrderEvent> EVENT = (resultSet, row) -> new OrderEvent(resultSet.getString("status"),
			resultSet.getObject("at", OffsetDateTime.class).toInstant());

	private final JdbcTemplate jdbc;

	private final SampleProperties properties;

	/**
	 * Create a new {@code OrderHistoryService}.
	 * @param jdbc the template of the application's data source
	 * @param properties the properties of the sample
	 */
	public OrderHistoryService(JdbcTemplate jdbc, SampleProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/**
	 * Read the history of an order.
	 * @param orderId the order id
	 * @return what happened to the order, oldest first; empty for an order that has no
	 * history
	 * @throws DataAccessException if a query fails, for instance because it was cancelled
	 */
	@Async
	public CompletableFuture<List<OrderEvent>> historyOf(long orderId) {
		SampleProperties.History history = this.properties.getHistory();
		if (orderId == history.getSlowOrderId()) {
			slowQuery(orderId, history.getSlowQuerySize());
		}
		return CompletableFuture.completedFuture(this.jdbc.query(EVENTS, EVENT, orderId));
	}

	private void slowQuery(long orderId, int size) {
		// CURRENT_TIMESTAMP makes the query non-deterministic, which keeps H2 from
		// answering it again from the result of the last run (H2 reuses the results of
		// deterministic queries over tables that did not change)
		String sql = "SELECT COUNT(*) FROM SYSTEM_RANGE(1, " + size + ") a CROSS JOIN SYSTEM_RANGE(1, " + size
				+ ") b WHERE MOD(a.X + b.X, 7) = 3 AND CURRENT_TIMESTAMP IS NOT NULL";
		logger.info("Running the slow query for order " + orderId + " (" + size + "² rows)");
		long start = System.nanoTime();
		try {
			this.jdbc.queryForObject(sql, Long.class);
			logger.info("Slow query for order " + orderId + " ran to its end after " + since(start)
					+ "; thread interrupted meanwhile: " + Thread.currentThread().isInterrupted());
		}
		catch (DataAccessException ex) {
			if (ex.getMostSpecificCause() instanceof SQLException sqlException
					&& QUERY_CANCELLED.equals(sqlException.getSQLState())) {
				// H2's message spans two lines: its own text, then the statement
				logger.info("Query for order " + orderId + " was cancelled by the database after " + since(start) + ": "
						+ sqlException.getMessage().replaceAll("\\s*\\R\\s*", " ") + " [SQLState "
						+ sqlException.getSQLState() + "]");
			}
			throw ex;
		}
	}

	private static String since(long start) {
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		return elapsed.toMillis() + " ms";
	}

}
