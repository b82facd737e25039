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

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.observation.Observation;

/**
 * Whether {@code Observation.Context} has the methods, and only those, that
 * {@link KeptEntriesContext} and {@link KeptKeyValuesContext} know: then none of its
 * methods reaches its maps past their overrides, and they may keep what they keep. Those
 * of Micrometer 1.15.5, 1.16.6 and 1.17.2; checked once.
 *
 * @author parallel-tasks authors
 */
final class ContextMethods {

	/** Whether the methods of {@code Observation.Context} are the known ones. */
	static final boolean KNOWN = known();

	private ContextMethods() {
	}

	static boolean known() {
		Set<String> known = Set.of("getName()", "setName(String)", "getContextualName()", "setContextualName(String)",
				"getParentObservation()", "setParentObservation(ObservationView)",
				"setParentFromCurrentObservation(ObservationRegistry)", "getError()", "setError(Throwable)",
				"put(Object,Object)", "get(Object)", "remove(Object)", "getRequired(Object)", "containsKey(Object)",
				"getOrDefault(Object,Object)", "computeIfAbsent(Object,Function)", "clear()", "toString()",
				"addLowCardinalityKeyValue(KeyValue)", "addHighCardinalityKeyValue(KeyValue)",
				"removeLowCardinalityKeyValue(String)", "removeHighCardinalityKeyValue(String)",
				"addLowCardinalityKeyValues(KeyValues)", "addHighCardinalityKeyValues(KeyValues)",
				"removeLowCardinalityKeyValues(String[])", "removeHighCardinalityKeyValues(String[])",
				"getLowCardinalityKeyValues()", "getHighCardinalityKeyValues()", "getLowCardinalityKeyValue(String)",
				"getHighCardinalityKeyValue(String)", "getAllKeyValues()");
		try {
			Set<String> declared = Arrays.stream(Observation.Context.class.getDeclaredMethods())
				.filter((method) -> !method.isSynthetic() && !Modifier.isPrivate(method.getModifiers()))
				.map(ContextMethods::signature)
				.collect(Collectors.toSet());
			return declared.equals(known);
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	private static String signature(Method method) {
		return method.getName() + Arrays.stream(method.getParameterTypes())
			.map(Class::getSimpleName)
			.collect(Collectors.joining(",", "(", ")"));
	}

}
