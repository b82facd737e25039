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

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the gather demo runs on start-up only when asked to.
 *
 * @author parallel-tasks authors
 */
@ExtendWith(OutputCaptureExtension.class)
class GatherDemoRunnerTests {

	@Test
	void gatherDemoRunsOnStartupWhenEnabled(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run("--sample.gather-demo.run-on-startup=true")) {
			assertThat(context.getBeansOfType(GatherDemoRunner.class)).hasSize(1);
			assertThat(output).contains("Gather demo: task 200ms, task 500ms, task 700ms sleep in parallel")
				.contains("task 200ms finished")
				.contains("task 500ms failed with " + GatherDemoException.class.getName() + ": task 500ms failed")
				.contains("batch failed at ");
		}
	}

	@Test
	void gatherDemoDoesNotRunOnStartupByDefault(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run()) {
			assertThat(context.getBeansOfType(GatherDemoRunner.class)).isEmpty();
			assertThat(output).doesNotContain("Gather demo:");
		}
	}

	private static ConfigurableApplicationContext run(String... args) {
		List<String> arguments = new ArrayList<>(List.of("--sample.gather-demo.short-task=200ms",
				"--sample.gather-demo.failing-task=500ms", "--sample.gather-demo.long-task=700ms"));
		arguments.addAll(List.of(args));
		return new SpringApplicationBuilder(SampleApplication.class).main(SampleApplication.class)
			.web(WebApplicationType.NONE)
			.run(arguments.toArray(String[]::new));
	}

}
