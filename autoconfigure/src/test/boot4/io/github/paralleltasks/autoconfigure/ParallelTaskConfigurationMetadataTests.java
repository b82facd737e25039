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

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the configuration metadata that the build generates for
 * {@link ParallelTaskProperties}, merged with
 * {@code META-INF/additional-spring-configuration-metadata.json}.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskConfigurationMetadataTests {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	@Test
	void fatalExceptionsAreHintedAsThrowableClasses() throws IOException {
		JsonNode metadata = metadata();
		assertThat(property(metadata, "parallel-tasks.fatal-exceptions").get("type").asString())
			.isEqualTo("java.util.List<java.lang.Class<? extends java.lang.Throwable>>");
		assertThat(provider(metadata, "parallel-tasks.fatal-exceptions", "class-reference"))
			.isEqualTo("java.lang.Throwable");
	}

	@Test
	void executorIsHintedAsAnExecutorBeanReference() throws IOException {
		JsonNode metadata = metadata();
		assertThat(property(metadata, "parallel-tasks.executor").get("type").asString()).isEqualTo("java.lang.String");
		assertThat(provider(metadata, "parallel-tasks.executor", "spring-bean-reference"))
			.isEqualTo("java.util.concurrent.Executor");
	}

	@Test
	void durationsHaveTheirDefaults() throws IOException {
		JsonNode metadata = metadata();
		assertThat(property(metadata, "parallel-tasks.cancel-grace-period").get("defaultValue").asString())
			.isEqualTo("5s");
		assertThat(property(metadata, "parallel-tasks.default-timeout").has("defaultValue")).isFalse();
	}

	private static JsonNode property(JsonNode metadata, String name) {
		return find(metadata.get("properties"), name);
	}

	private static String provider(JsonNode metadata, String hint, String provider) {
		JsonNode providers = find(metadata.get("hints"), hint).get("providers");
		return find(providers, provider).get("parameters").get("target").asString();
	}

	private static JsonNode find(JsonNode array, String name) {
		for (JsonNode node : array) {
			if (name.equals(node.get("name").asString())) {
				return node;
			}
		}
		throw new AssertionError("No " + name + " in " + array);
	}

	private static JsonNode metadata() throws IOException {
		// Spring Boot's jars have metadata of their own
		List<URL> candidates = new ArrayList<>();
		for (URL url : Collections.list(ParallelTaskProperties.class.getClassLoader().getResources(METADATA))) {
			try (InputStream in = url.openStream()) {
				JsonNode metadata = new ObjectMapper().readTree(in);
				for (JsonNode group : metadata.get("groups")) {
					if (ParallelTaskProperties.class.getName().equals(group.get("type").asString())) {
						return metadata;
					}
				}
				candidates.add(url);
			}
		}
		throw new AssertionError("No metadata of " + ParallelTaskProperties.class + " in " + candidates);
	}

}
