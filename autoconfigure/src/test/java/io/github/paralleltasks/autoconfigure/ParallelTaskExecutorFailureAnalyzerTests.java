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

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static io.github.paralleltasks.autoconfigure.YamlPropertySources.yaml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ParallelTaskExecutorFailureAnalyzer}, on contexts that fail to start.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskExecutorFailureAnalyzerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(TaskExecutionAutoConfiguration.class, ParallelTaskAutoConfiguration.class));

	@Test
	void executorPropertyNamingNoBeanIsDescribedWithItsOriginAndTheExecutorBeans() {
		this.contextRunner.withUserConfiguration(ReportExecutorConfiguration.class)
			.withInitializer(yaml("missing-executor.yml"))
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).isEqualTo(
						"""
								The auto-configured ParallelTaskTemplate has no executor:

								    Property: parallel-tasks.executor
								    Value: "noSuchExecutor"
								    Origin: class path resource [io/github/paralleltasks/autoconfigure/missing-executor.yml] - 2:13
								    Reason: there is no bean named 'noSuchExecutor'
								""");
				assertThat(analysis.getAction()).isEqualTo("Set parallel-tasks.executor to the name of the Executor "
						+ "bean that runs the tasks of batches: one of applicationTaskExecutor, reportExecutor, "
						+ "or remove it to use applicationTaskExecutor");
			});
	}

	@Test
	void executorPropertyNamingABeanThatIsNoExecutorIsDescribedWithTheBeansType() {
		this.contextRunner.withUserConfiguration(NotAnExecutorConfiguration.class)
			.withPropertyValues("parallel-tasks.executor=notAnExecutor")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Value: \"notAnExecutor\"",
						"Origin: \"parallel-tasks.executor\" from property source \"test\"",
						"Reason: bean 'notAnExecutor' is a java.lang.StringBuilder, not a java.util.concurrent.Executor");
				assertThat(analysis.getAction()).isEqualTo("Set parallel-tasks.executor to the name of the Executor "
						+ "bean that runs the tasks of batches: applicationTaskExecutor, "
						+ "or remove it to use applicationTaskExecutor");
			});
	}

	@Test
	void severalExecutorsWithoutApplicationTaskExecutorAreListed() {
		this.contextRunner.withUserConfiguration(TwoPoolsConfiguration.class).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).isEqualTo("The auto-configured ParallelTaskTemplate has no "
					+ "executor: there is no bean named 'applicationTaskExecutor' and no single Executor bean to "
					+ "use instead. Executor beans: firstPool, secondPool");
			assertThat(analysis.getAction()).isEqualTo("Set parallel-tasks.executor to the name of the Executor "
					+ "bean that runs the tasks of batches: one of firstPool, secondPool. Declaring your own "
					+ "executors with @Bean(defaultCandidate = false) keeps Spring Boot's applicationTaskExecutor");
		});
	}

	@Test
	void noExecutorAtAllIsDescribed() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ParallelTaskAutoConfiguration.class))
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).isEqualTo("The auto-configured ParallelTaskTemplate has no "
						+ "executor: there is no bean named 'applicationTaskExecutor' and no Executor bean.");
				assertThat(analysis.getAction()).startsWith("Define an Executor bean for the tasks");
			});
	}

	private static FailureAnalysis analyze(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new ParallelTaskExecutorFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	static class ReportExecutorConfiguration {

		@Bean(defaultCandidate = false)
		ThreadPoolTaskExecutor reportExecutor() {
			return new ThreadPoolTaskExecutor();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NotAnExecutorConfiguration {

		@Bean
		StringBuilder notAnExecutor() {
			return new StringBuilder();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoPoolsConfiguration {

		@Bean(destroyMethod = "shutdown")
		ExecutorService firstPool() {
			return Executors.newFixedThreadPool(1);
		}

		@Bean(destroyMethod = "shutdown")
		ExecutorService secondPool() {
			return Executors.newFixedThreadPool(1);
		}

	}

}
