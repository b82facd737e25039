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

import io.github.paralleltasks.ParallelTaskTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests of what a {@link SpringApplication} reports when the configuration of
 * parallel-tasks stops it from starting: the failure analyzers are registered, and they
 * are chosen before Spring Boot's own.
 *
 * @author parallel-tasks authors
 */
@ExtendWith(OutputCaptureExtension.class)
class ParallelTaskStartupFailureTests {

	private String loggingSystem;

	@BeforeEach
	void keepTheLoggingOfOtherTests() {
		// Spring Boot's logging system would configure Logback for the whole test JVM
		this.loggingSystem = System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
	}

	@AfterEach
	void restoreLoggingSystem() {
		if (this.loggingSystem != null) {
			System.setProperty(LoggingSystem.SYSTEM_PROPERTY, this.loggingSystem);
		}
		else {
			System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
		}
	}

	@Test
	void executorNamingNoBeanIsReportedAsTheTemplatesFailureNotAsTheUsersConstructors(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--parallel-tasks.executor=noSuchExecutor"));
		assertThat(output)
			.contains("APPLICATION FAILED TO START", """
					The auto-configured ParallelTaskTemplate has no executor:

					    Property: parallel-tasks.executor
					    Value: "noSuchExecutor"
					    Origin: "parallel-tasks.executor" from property source "commandLineArgs"
					    Reason: there is no bean named 'noSuchExecutor'
					""",
					"Set parallel-tasks.executor to the name of the Executor bean that runs the tasks of batches: "
							+ "applicationTaskExecutor, or remove it to use applicationTaskExecutor")
			.doesNotContain("Parameter 0 of method orderService");
	}

	@Test
	void invalidDurationsInAYamlFileAreReportedWithTheirLines(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(
				"--spring.config.location=classpath:/io/github/paralleltasks/autoconfigure/invalid-durations.yml"));
		assertThat(output).contains("APPLICATION FAILED TO START", "Property: parallel-tasks.default-timeout",
				"Origin: class path resource [io/github/paralleltasks/autoconfigure/invalid-durations.yml] - 2:20",
				"Set parallel-tasks.cancel-grace-period to zero or a positive duration");
	}

	private static void run(String... args) {
		SpringApplication application = new SpringApplication(OrderServiceConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.run(args).close();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TaskExecutionAutoConfiguration.class, ParallelTaskAutoConfiguration.class })
	static class OrderServiceConfiguration {

		@Bean
		OrderService orderService(ParallelTaskTemplate template) {
			return new OrderService(template);
		}

	}

	record OrderService(ParallelTaskTemplate template) {

	}

}
