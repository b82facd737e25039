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

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link GatherDemo} once the application has started, when
 * {@code sample.gather-demo.run-on-startup} is {@code true}.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
@Component
@ConditionalOnBooleanProperty("sample.gather-demo.run-on-startup")
public class GatherDemoRunner implements ApplicationRunner {

	private final GatherDemo demo;

	/**
	 * Create a new {@code GatherDemoRunner}.
	 * @param demo the demo
	 */
	public GatherDemoRunner(GatherDemo demo) {
		this.demo = demo;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.demo.run();
	}

}
