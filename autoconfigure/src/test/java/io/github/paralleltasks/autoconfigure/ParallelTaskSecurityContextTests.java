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

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.paralleltasks.ParallelTaskTemplate;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ParallelTaskAutoConfiguration} with Spring Security's
 * {@code SecurityContext}, which Security's own {@code ThreadLocalAccessor} carries
 * through Micrometer's context-propagation.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskSecurityContextTests {

	private static final String NOBODY = "nobody";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TaskExecutionAutoConfiguration.class, ParallelTaskAutoConfiguration.class))
		// One worker thread: the one of every task and call, and then of the check
		.withPropertyValues("spring.task.execution.pool.core-size=1")
		.withUserConfiguration(AccountsConfiguration.class);

	@Test
	void callersSecurityContextReachesTasksAndAsyncCallsAndIsClearedFromTheWorkerAfter() {
		this.contextRunner.run((context) -> {
			ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
			Accounts accounts = context.getBean(Accounts.class);
			signIn("ada");
			try {
				assertThat(template.<String>invokeAll(List.of(Accounts::user, Accounts::user)).values())
					.containsExactly("ada", "ada");
				assertThat(template.<String>awaitAll(List.of(accounts::currentUser, accounts::currentUser)).values())
					.containsExactly("ada", "ada");
			}
			finally {
				SecurityContextHolder.clearContext();
			}
			assertThat(userOnWorker(context)).isEqualTo(NOBODY);
		});
	}

	@Test
	void tasksOfACallerWithoutSecurityContextSeeNoneThatAnEarlierCallerLeft() {
		this.contextRunner.run((context) -> {
			ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
			Accounts accounts = context.getBean(Accounts.class);
			signIn("ada");
			try {
				assertThat(template.<String>invokeAll(List.of(Accounts::user)).values()).containsExactly("ada");
			}
			finally {
				SecurityContextHolder.clearContext();
			}
			assertThat(template.<String>invokeAll(List.of(Accounts::user)).values()).containsExactly(NOBODY);
			assertThat(template.<String>awaitAll(List.of(accounts::currentUser)).values()).containsExactly(NOBODY);
		});
	}

	@Test
	void securityContextStaysWithTheCallerWhenPropagationIsDisabled() {
		this.contextRunner.withPropertyValues("parallel-tasks.propagate-context=false").run((context) -> {
			ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
			signIn("ada");
			try {
				assertThat(template.<String>invokeAll(List.of(Accounts::user)).values()).containsExactly(NOBODY);
			}
			finally {
				SecurityContextHolder.clearContext();
			}
		});
	}

	private static void signIn(String user) {
		SecurityContextHolder.setContext(
				new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(user, null, List.of())));
	}

	/**
	 * Return the user that the (only) worker thread sees outside any batch.
	 */
	private static String userOnWorker(AssertableApplicationContext context) throws Exception {
		ThreadPoolTaskExecutor executor = context
			.getBean(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME, ThreadPoolTaskExecutor.class);
		return executor.submit(Accounts::user).get(10, TimeUnit.SECONDS);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AccountsConfiguration {

		@Bean
		Accounts accounts() {
			return new Accounts();
		}

	}

	/**
	 * An {@code @Async} service that reports who is signed in.
	 */
	static class Accounts {

		@Async
		public CompletableFuture<String> currentUser() {
			return CompletableFuture.completedFuture(user());
		}

		static String user() {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			return (authentication != null) ? authentication.getName() : NOBODY;
		}

	}

}
