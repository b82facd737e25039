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

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import io.github.paralleltasks.autoconfigure.BootAutoConfigurations;
import io.github.paralleltasks.AsyncCall;
import io.github.paralleltasks.FatalError;
import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelResult;
import io.github.paralleltasks.ParallelTask;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.Subtask;
import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.autoconfigure.ParallelTaskAutoConfiguration;
import io.github.paralleltasks.autoconfigure.ParallelTaskJdbcAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The scenario of the JDBC cancellation tests: in an application with Spring Boot's
 * HikariCP {@code DataSource} on a real PostgreSQL, two tasks of a batch run
 * {@code pg_sleep(5)} and a third one throws a {@link FatalError} exception once the
 * server shows both queries running. What the server saw is read on a connection of its
 * own, from {@code pg_stat_activity} and from its log.
 *
 * @author parallel-tasks authors
 */
final class QueryCancelScenario {

	/**
	 * How long after the fatal error the server may end the queries, while they would run
	 * 5 s. The usual figure is a few milliseconds; this is wide enough for a loaded
	 * 2-core machine and still tells a cancel from a query run to its end.
	 */
	static final Duration CANCEL_LATENCY = Duration.ofMillis(2500);

	/**
	 * The query of the two siblings, which the server runs for 5 s unless cancelled.
	 */
	static final String SLOW_QUERY = "SELECT 1 FROM pg_sleep(?)";

	/**
	 * How long {@link #SLOW_QUERY} sleeps, in seconds.
	 */
	static final int SLOW_SECONDS = 5;

	private final EmbeddedPostgres postgres = EmbeddedPostgres.get();

	private final String applicationName;

	private final Map<String, Thread> threads = new ConcurrentHashMap<>();

	private final Map<String, Throwable> queryExceptions = new ConcurrentHashMap<>();

	private final AtomicLong thrownAt = new AtomicLong();

	private ServerActivity activity;

	QueryCancelScenario(String applicationName) {
		this.applicationName = applicationName;
	}

	/**
	 * Return a runner of an application with Spring Boot's task execution, data source
	 * and {@code JdbcTemplate}, parallel-tasks with a cancel grace period of 2 s, and
	 * connections with this scenario's application name.
	 */
	ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner().withConfiguration(BootAutoConfigurations.JDBC_TEMPLATE)
			.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class,
					ParallelTaskAutoConfiguration.class, ParallelTaskJdbcAutoConfiguration.class))
			.withPropertyValues(
					"spring.datasource.url=" + this.postgres.jdbcUrl() + "?ApplicationName=" + this.applicationName,
					"spring.datasource.username=" + this.postgres.username(),
					"spring.datasource.hikari.maximum-pool-size=4", "parallel-tasks.cancel-grace-period=2s");
	}

	String applicationName() {
		return this.applicationName;
	}

	/**
	 * Return a task that runs the given query, recording its thread and what it threw.
	 */
	<T> Callable<T> query(String name, Callable<T> query) {
		return ParallelTask.named(name, () -> {
			this.threads.put(name, Thread.currentThread());
			try {
				return query.call();
			}
			catch (Exception ex) {
				this.queryExceptions.put(name, ex);
				throw ex;
			}
		});
	}

	/**
	 * Wait until the server runs both queries, then throw a fatal error.
	 */
	Object failOnceBothQueriesRun() {
		this.activity.awaitActive(this.applicationName, 2);
		this.thrownAt.set(System.nanoTime());
		throw new QueryNoLongerNeededException();
	}

	/**
	 * Run the two queries and the failing task through {@code invokeAll}.
	 */
	FatalTaskException invokeAll(ApplicationContext context, Callable<Object> query) throws SQLException {
		ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
		List<Callable<Object>> tasks = List.of(query("query-1", query), query("query-2", query),
				ParallelTask.named("failer", this::failOnceBothQueriesRun));
		return run(() -> template.invokeAll(tasks));
	}

	/**
	 * Run the given {@code @Async} calls through {@code awaitAll}.
	 */
	FatalTaskException awaitAll(ApplicationContext context, List<AsyncCall<Object>> calls) throws SQLException {
		ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
		return run(() -> template.awaitAll(calls));
	}

	private FatalTaskException run(Supplier<ParallelResult<Object>> batch) throws SQLException {
		this.activity = new ServerActivity(this.postgres);
		try {
			FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, batch::get);
			assertThat(ex).isNotNull();
			assertThat(ex.getCause()).isInstanceOf(QueryNoLongerNeededException.class);
			return ex;
		}
		finally {
			this.activity.close();
		}
	}

	/**
	 * Assert that the server cancelled both queries at a client's request soon after the
	 * fatal error, that the batch reported them cancelled, and that the application's
	 * threads and connections are idle again.
	 */
	void assertQueriesCancelledInTheServer(ApplicationContext context, FatalTaskException ex) throws SQLException {
		assertThat(ex.taskName()).isEqualTo(ex.getResult().subtask(2).name());
		assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
			.containsExactly(State.CANCELLED, State.CANCELLED, State.FATAL);
		try (ServerActivity activity = new ServerActivity(this.postgres)) {
			activity.awaitActive(this.applicationName, 0);
			assertThat(Duration.ofNanos(System.nanoTime() - this.thrownAt.get())).isLessThan(CANCEL_LATENCY);
		}
		await().atMost(ServerActivity.WAIT)
			.untilAsserted(() -> assertThat(this.postgres.cancelledStatements(this.applicationName)).hasSize(2));
		assertThat(this.postgres.cancelledStatements(this.applicationName))
			.allSatisfy((line) -> assertThat(Duration.ofNanos(line.nanoTime() - this.thrownAt.get()))
				.isLessThan(CANCEL_LATENCY));
		assertIdle(context);
	}

	/**
	 * Assert that each query task saw its statement cancelled by the server (SQLState
	 * 57014), as it does on a platform thread, which the interrupt does not reach in a
	 * socket read. On a virtual thread, the interrupt that follows the cancel closes the
	 * socket, so the task may see that instead.
	 */
	void assertQueryTasksSawTheCancel() {
		assertThat(this.queryExceptions).containsOnlyKeys("query-1", "query-2");
		assertThat(this.queryExceptions.values())
			.allSatisfy((ex) -> assertThat(sqlState(ex)).as("SQLState of %s", ex).isEqualTo("57014"));
	}

	/**
	 * Assert that the pool's threads have left the tasks, that the tasks' virtual threads
	 * have ended, and that every connection is back in the pool.
	 */
	void assertIdle(ApplicationContext context) throws SQLException {
		Object executor = context.getBean("applicationTaskExecutor");
		if (executor instanceof ThreadPoolTaskExecutor pool) {
			await().atMost(ServerActivity.WAIT).until(() -> pool.getActiveCount() == 0);
		}
		else {
			await().atMost(ServerActivity.WAIT).until(() -> this.threads.values().stream().noneMatch(Thread::isAlive));
		}
		HikariDataSource hikari = context.getBean(javax.sql.DataSource.class).unwrap(HikariDataSource.class);
		await().atMost(ServerActivity.WAIT).until(() -> hikari.getHikariPoolMXBean().getActiveConnections() == 0);
	}

	/**
	 * Return how long after the fatal error the server logged the last of its cancels.
	 */
	Duration lastCancelAfterThrow() {
		await().atMost(ServerActivity.WAIT)
			.until(() -> this.postgres.cancelledStatements(this.applicationName).size() == 2);
		long last = this.postgres.cancelledStatements(this.applicationName)
			.stream()
			.mapToLong(EmbeddedPostgres.LogLine::nanoTime)
			.max()
			.getAsLong();
		return Duration.ofNanos(last - this.thrownAt.get());
	}

	Map<String, Thread> threads() {
		return this.threads;
	}

	private static String sqlState(Throwable ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (current instanceof SQLException sqlException) {
				return sqlException.getSQLState();
			}
		}
		return null;
	}

	/**
	 * The fatal error of the scenario.
	 */
	@FatalError
	static class QueryNoLongerNeededException extends RuntimeException {

		QueryNoLongerNeededException() {
			super("The order is gone, its queries are no longer needed");
		}

	}

}
