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

import io.netty.util.Version;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootVersion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tests that the tests run on the Spring Boot and Netty versions that the build names, as
 * {@code -Dspring-boot.version} or the {@code boot-4.1} profile set them: importing a
 * dependency management makes it easy to pick a version and silently run on another.
 *
 * @author parallel-tasks authors
 */
class BuildVersionsTests {

	@Test
	void springBootOnTheClassPathIsTheVersionThatTheBuildNames() {
		String expected = System.getProperty("build.spring-boot.version");
		assumeThat(expected).as("set by the Maven build").isNotNull();
		assertThat(SpringBootVersion.getVersion()).isEqualTo(expected);
	}

	@Test
	void nettyOnTheClassPathIsTheVersionThatTheBuildNames() {
		String expected = System.getProperty("build.netty.version");
		assumeThat(expected).as("set by the Maven build").isNotNull();
		assertThat(Version.identify()).containsKey("netty-common");
		assertThat(Version.identify().get("netty-common").artifactVersion()).isEqualTo(expected);
	}

}
