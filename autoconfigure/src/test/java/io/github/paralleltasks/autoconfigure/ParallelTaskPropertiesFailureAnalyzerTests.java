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

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.github.paralleltasks.autoconfigure.YamlPropertySources.yaml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ParallelTaskPropertiesFailureAnalyzer}, on contexts that fail to
 * start.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskPropertiesFailureAnalyzerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(TaskExecutionAutoConfiguration.class, ParallelTaskAutoConfiguration.class));

	@Test
	void unloadableFatalExceptionClassIsDescribedWithPropertyValueOriginAndReason() {
		this.contextRunner.withInitializer(yaml("missing-fatal-exception.yml")).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains(
					"Failed to bind properties under 'parallel-tasks.fatal-exceptions[1]'",
					"Property: parallel-tasks.fatal-exceptions[1]", "Value: \"com.example.MissingException\"",
					"Origin: class path resource [io/github/paralleltasks/autoconfigure/missing-fatal-exception.yml]"
							+ " - 4:7",
					"Reason: failed to convert java.lang.String to java.lang.Class<java.lang.Throwable> "
							+ "(caused by java.lang.ClassNotFoundException: com.example.MissingException)");
			assertThat(analysis.getAction())
				.isEqualTo("Correct the class name in parallel-tasks.fatal-exceptions (a fully qualified name), "
						+ "or add the dependency that holds the class to the application");
		});
	}

	@Test
	void unloadableClassInACommaSeparatedListIsDescribedWithTheWholeValue() {
		this.contextRunner
			.withPropertyValues("parallel-tasks.fatal-exceptions=java.lang.IllegalStateException, com.example.Missing")
			.run((context) -> assertThat(analyze(context).getDescription()).contains(
					"Property: parallel-tasks.fatal-exceptions\n",
					"Value: \"java.lang.IllegalStateException, com.example.Missing\"",
					"Origin: \"parallel-tasks.fatal-exceptions\" from property source \"test\"",
					"caused by java.lang.ClassNotFoundException: com.example.Missing"));
	}

	@Test
	void fatalExceptionClassThatIsNotThrowableIsDescribedWithItsLine() {
		this.contextRunner.withInitializer(yaml("invalid-fatal-exceptions.yml")).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("Property: parallel-tasks.fatal-exceptions[1]",
					"Value: \"java.lang.String\"",
					"Origin: class path resource [io/github/paralleltasks/autoconfigure/invalid-fatal-exceptions.yml]"
							+ " - 4:7",
					"Reason: java.lang.String is not a java.lang.Throwable");
			assertThat(analysis.getAction()).isEqualTo(
					"Name only exception classes (classes that extend java.lang.Throwable) in parallel-tasks.fatal-exceptions");
		});
	}

	@Test
	void fatalExceptionClassThatIsNotThrowableInACommaSeparatedListIsDescribedWithTheListsOrigin() {
		this.contextRunner.withPropertyValues("parallel-tasks.fatal-exceptions=java.io.IOException,java.lang.String")
			.run((context) -> assertThat(analyze(context).getDescription()).contains(
					"Property: parallel-tasks.fatal-exceptions[1]", "Value: \"java.lang.String\"",
					"Origin: \"parallel-tasks.fatal-exceptions\" from property source \"test\"",
					"Reason: java.lang.String is not a java.lang.Throwable"));
	}

	@Test
	void zeroTimeoutAndNegativeGracePeriodAreDescribedWithTheirLines() {
		this.contextRunner.withInitializer(yaml("invalid-durations.yml")).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			String file = "Origin: class path resource [io/github/paralleltasks/autoconfigure/invalid-durations.yml]";
			assertThat(analysis.getDescription()).contains(
					"Failed to bind properties under 'parallel-tasks' to " + ParallelTaskProperties.class.getName(),
					"Property: parallel-tasks.default-timeout\n    Value: \"0s\"\n    " + file + " - 2:20\n"
							+ "    Reason: must be positive (leave it unset for batches without a timeout)",
					"Property: parallel-tasks.cancel-grace-period\n    Value: \"-1s\"\n    " + file + " - 3:24\n"
							+ "    Reason: must be zero or more");
			assertThat(analysis.getAction()).isEqualTo("Set parallel-tasks.default-timeout to a positive duration, "
					+ "such as 10s, or remove it so that batches without a timeout of their own have none\n"
					+ "Set parallel-tasks.cancel-grace-period to zero or a positive duration, such as 5s (the default)");
		});
	}

	@Test
	void negativeDefaultTimeoutStopsStartUp() {
		this.contextRunner.withPropertyValues("parallel-tasks.default-timeout=-5s")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("Property: parallel-tasks.default-timeout", "Value: \"-5s\"", "Reason: must be positive"));
	}

	@Test
	void zeroGracePeriodIsAccepted() {
		this.contextRunner.withPropertyValues("parallel-tasks.cancel-grace-period=0s")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void unparsableDurationIsDescribedWithTheConversionFailure() {
		this.contextRunner.withPropertyValues("parallel-tasks.cancel-grace-period=soon").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("Property: parallel-tasks.cancel-grace-period",
					"Value: \"soon\"", "Reason: failed to convert java.lang.String to java.time.Duration "
							+ "(caused by java.lang.IllegalArgumentException: 'soon' is not a valid duration)");
			assertThat(analysis.getAction()).startsWith("Set parallel-tasks.cancel-grace-period to zero or");
		});
	}

	@Test
	void bindingFailuresOfOtherPropertiesAreLeftToSpringBoot() {
		this.contextRunner.withPropertyValues("spring.task.execution.pool.core-size=many").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(new ParallelTaskPropertiesFailureAnalyzer().analyze(context.getStartupFailure())).isNull();
		});
	}

	private static FailureAnalysis analyze(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new ParallelTaskPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

}
