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

package io.github.paralleltasks.micrometer;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * Values of the first non-negative ints, each built when first asked for and kept; the
 * value of any other int is built at each call. For the values of the conventions that
 * depend on an index or a size only, which every observation asks for.
 *
 * @param <T> the type of the values
 * @author parallel-tasks authors
 */
final class IntKeyedCache<T> {

	private final AtomicReferenceArray<T> values;

	private final IntFunction<T> build;

	/**
	 * Create a new {@code IntKeyedCache}.
	 * @param size how many ints, from {@code 0}, have their values kept
	 * @param build builds the value of an int; two threads may both build one, and either
	 * value is kept
	 */
	IntKeyedCache(int size, IntFunction<T> build) {
		this.values = new AtomicReferenceArray<>(size);
		this.build = build;
	}

	T get(int key) {
		if (key < 0 || key >= this.values.length()) {
			return this.build.apply(key);
		}
		T value = this.values.get(key);
		if (value == null) {
			value = this.build.apply(key);
			this.values.set(key, value);
		}
		return value;
	}

}
