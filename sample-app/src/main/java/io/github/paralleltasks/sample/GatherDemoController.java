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

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Web endpoint that runs the {@link GatherDemo}.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
@RestController
public class GatherDemoController {

	private final GatherDemo demo;

	/**
	 * Create a new {@code GatherDemoController}.
	 * @param demo the demo
	 */
	public GatherDemoController(GatherDemo demo) {
		this.demo = demo;
	}

	/**
	 * Run the gather demo and return what happened.
	 * @return the report of the run
	 */
	@PostMapping("/demo/gather")
	public GatherDemoReport gather() {
		return this.demo.run();
	}

}
