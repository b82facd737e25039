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

package io.github.paralleltasks;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link ParallelTask} or a {@link ParallelCall} says of its work besides the work
 * itself: its name, criticality and timeout. The engine reads it from either alike.
 *
 * @author parallel-tasks authors
 */
interface TaskSpec {

	String getName();

	Criticality getCriticality();

	@Nullable Duration getTimeout();

	/**
	 * Return the name given to the work, if it is a {@code TaskSpec}.
	 */
	static @Nullable String nameOf(Object work) {
		return (work instanceof TaskSpec spec) ? spec.getName() : null;
	}

	static Criticality criticalityOf(Object work) {
		return (work instanceof TaskSpec spec) ? spec.getCriticality() : Criticality.BY_POLICY;
	}

	static @Nullable Duration timeoutOf(Object work) {
		return (work instanceof TaskSpec spec) ? spec.getTimeout() : null;
	}

}
