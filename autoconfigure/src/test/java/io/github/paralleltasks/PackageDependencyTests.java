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

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.paralleltasks.context.ContextSnapshotPropagator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Tests that the arrows between the packages point one way: the core (the API, the
 * instrumentation SPI, context propagation and the engine) depends on neither Spring nor
 * Micrometer nor the integration packages, and the Micrometer integration knows nothing
 * of Spring Boot.
 *
 * @author parallel-tasks authors
 */
class PackageDependencyTests {

	private static final String[] CORE = { "io.github.paralleltasks", "io.github.paralleltasks.metrics",
			"io.github.paralleltasks.context" };

	private static final String[] INTEGRATIONS = { "io.github.paralleltasks.micrometer..",
			"io.github.paralleltasks.actuate..", "io.github.paralleltasks.autoconfigure..",
			"io.github.paralleltasks.task..", "io.github.paralleltasks.http..", "io.github.paralleltasks.jdbc.." };

	private static JavaClasses classes;

	@BeforeAll
	static void importMainClasses() {
		// The core's test fixtures come in its test jar, which DO_NOT_INCLUDE_TESTS does
		// not recognise
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption((location) -> !location.contains("-tests.jar"))
			.importPackages("io.github.paralleltasks");
	}

	@Test
	void coreDependsOnNeitherSpringNorMicrometer() {
		noClasses().that()
			.resideInAnyPackage(CORE)
			.and()
			.doNotBelongToAnyOf(ContextSnapshotPropagator.class)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "io.micrometer..")
			.check(classes);
	}

	@Test
	void contextSnapshotPropagatorDependsOnContextPropagationOnly() {
		noClasses().that()
			.belongToAnyOf(ContextSnapshotPropagator.class)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "io.micrometer.core..", "io.micrometer.observation..")
			.check(classes);
	}

	@Test
	void coreDependsOnNoIntegrationPackage() {
		noClasses().that()
			.resideInAnyPackage(CORE)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(INTEGRATIONS)
			.check(classes);
	}

	@Test
	void micrometerIntegrationKnowsNothingOfSpring() {
		noClasses().that()
			.resideInAPackage("io.github.paralleltasks.micrometer..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "io.github.paralleltasks.autoconfigure..",
					"io.github.paralleltasks.actuate..")
			.check(classes);
	}

}
