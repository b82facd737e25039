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
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.paralleltasks.AsyncCall;
import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelTask;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.Subtask;
import io.github.paralleltasks.Subtask.State;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;

import static io.github.paralleltasks.jdbc.QueryCancelScenario.SLOW_QUERY;
import static io.github.paralleltasks.jdbc.QueryCancelScenario.SLOW_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests that a fatal error cancels in PostgreSQL the queries that its siblings wait on,
 * with Spring Boot's HikariCP {@code DataSource} and {@code applicationTaskExecutor} on
 * platform threads, which an interrupt alone does not stop in a socket read.
 *
 * @author parallel-tasks authors
 */
class JdbcCancellationTests {

	@Test
	void fatalErrorCancelsJdbcTemplateQueriesOfItsSiblingsInTheDatabase() {
		QueryCancelScenario scenario = new QueryCancelScenario("pt-jdbc-template");
		scenario.contextRunner().run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			FatalTaskException ex = scenario.invokeAll(context,
					() -> jdbc.queryForObject(SLOW_QUERY, Integer.class, SLOW_SECONDS));
			scenario.assertQueriesCancelledInTheServer(context, ex);
			scenario.assertQueryTasksSawTheCancel();
		});
	}

	@Test
	void fatalErrorCancelsPlainJdbcStatementsOfItsSiblingsInTheDatabase() {
		QueryCancelScenario scenario = new QueryCancelScenario("pt-plain-jdbc");
		scenario.contextRunner().run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			FatalTaskException ex = scenario.invokeAll(context, () -> {
				try (Connection connection = dataSource.getConnection();
						Statement statement = connection.createStatement()) {
					return statement.execute("SELECT pg_sleep(" + SLOW_SECONDS + ")");
				}
			});
			scenario.assertQueriesCancelledInTheServer(context, ex);
			scenario.assertQueryTasksSawTheCancel();
		});
	}

	@Test
	void fatalErrorCancelsTheQueriesOfAsyncCallsInTheDatabase() {
		QueryCancelScenario scenario = new QueryCancelScenario("pt-async");
		scenario.contextRunner().withUserConfiguration(AsyncQueriesConfiguration.class).run((context) -> {
			AsyncQueries queries = context.getBean(AsyncQueries.class);
			List<AsyncCall<Object>> calls = List.of(() -> queries.sleep(scenario, "query-1"),
					() -> queries.sleep(scenario, "query-2"), () -> queries.fail(scenario));
			FatalTaskException ex = scenario.awaitAll(context, calls);
			scenario.assertQueriesCancelledInTheServer(context, ex);
			scenario.assertQueryTasksSawTheCancel();
		});
	}

	@Test
	void statementThatCompletedLeavesNoHookThatCancelsItsNextQuery() {
		QueryCancelScenario scenario = new QueryCancelScenario("pt-completed");
		scenario.contextRunner().run((context) -> {
			ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
			DataSource dataSource = context.getBean(DataSource.class);
			CountDownLatch firstQueryDone = new CountDownLatch(1);
			try (Connection connection = dataSource.getConnection();
					PreparedStatement statement = connection.prepareStatement(SLOW_QUERY);
					ServerActivity activity = new ServerActivity(EmbeddedPostgres.get())) {
				// A task runs the statement to its end, then waits to be cancelled
				Callable<Object> completes = ParallelTask.named("completes", () -> {
					statement.setDouble(1, 0);
					try (ResultSet result = statement.executeQuery()) {
						result.next();
					}
					firstQueryDone.countDown();
					new CountDownLatch(1).await();
					return null;
				});
				// Its sibling fails once this thread runs the same statement again
				Callable<Object> failer = ParallelTask.named("failer", () -> {
					activity.awaitActive(scenario.applicationName(), 1);
					throw new QueryCancelScenario.QueryNoLongerNeededException();
				});
				CompletableFuture<FatalTaskException> batch = CompletableFuture
					.supplyAsync(() -> catchThrowableOfType(FatalTaskException.class,
							() -> template.invokeAll(List.of(completes, failer))));
				assertThat(firstQueryDone.await(ServerActivity.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
				statement.setDouble(1, 1);
				try (ResultSet result = statement.executeQuery()) {
					assertThat(result.next()).isTrue();
					assertThat(result.getInt(1)).isEqualTo(1);
				}
				FatalTaskException ex = batch.get(ServerActivity.WAIT.toMillis(), TimeUnit.MILLISECONDS);
				assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
					.containsExactly(State.CANCELLED, State.FATAL);
			}
			assertThat(EmbeddedPostgres.get().cancelledStatements(scenario.applicationName())).isEmpty();
			scenario.assertIdle(context);
		});
	}

	@Test
	void withPropertyOffTheQueriesOfCancelledSiblingsRunOnInTheDatabase() {
		QueryCancelScenario scenario = new QueryCancelScenario("pt-off");
		scenario.contextRunner().withPropertyValues("parallel-tasks.cancel.jdbc.enabled=false").run((context) -> {
			assertThat(JdbcCancellation.isWrapped(context.getBean(DataSource.class))).isFalse();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			long start = System.nanoTime();
			FatalTaskException ex = scenario.invokeAll(context,
					() -> jdbc.queryForObject(SLOW_QUERY, Integer.class, SLOW_SECONDS));
			try (ServerActivity activity = new ServerActivity(EmbeddedPostgres.get())) {
				int stillActive = activity.active(scenario.applicationName());
				long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
				// The batch gave up after its 2 s grace period; the queries run 5 s
				assertThat(elapsedMillis).isLessThan(SLOW_SECONDS * 1000 - 1000);
				assertThat(stillActive).isEqualTo(2);
				assertThat(ex.getResult().subtasks()).extracting(Subtask::state)
					.containsExactly(State.UNAVAILABLE, State.UNAVAILABLE, State.FATAL);
				activity.awaitActive(scenario.applicationName(), 0);
			}
			assertThat(EmbeddedPostgres.get().cancelledStatements(scenario.applicationName())).isEmpty();
			scenario.assertIdle(context);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncQueriesConfiguration {

		@Bean
		AsyncQueries asyncQueries(JdbcTemplate jdbcTemplate) {
			return new AsyncQueries(jdbcTemplate);
		}

	}

	static class AsyncQueries {

		private final JdbcTemplate jdbcTemplate;

		AsyncQueries(JdbcTemplate jdbcTemplate) {
			this.jdbcTemplate = jdbcTemplate;
		}

		@Async
		public CompletableFuture<Object> sleep(QueryCancelScenario scenario, String name) {
			try {
				return CompletableFuture.completedFuture(scenario
					.query(name, () -> this.jdbcTemplate.queryForObject(SLOW_QUERY, Integer.class, SLOW_SECONDS))
					.call());
			}
			catch (Exception ex) {
				return CompletableFuture.failedFuture(ex);
			}
		}

		@Async
		public CompletableFuture<Object> fail(QueryCancelScenario scenario) {
			return CompletableFuture.completedFuture(scenario.failOnceBothQueriesRun());
		}

	}

}
