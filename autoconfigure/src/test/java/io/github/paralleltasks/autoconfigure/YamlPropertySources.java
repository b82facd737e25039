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

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds a YAML file of this package to a context's environment, as Spring Boot adds
 * {@code application.yml}, so that tests can check the origins that failure analyses
 * report.
 *
 * @author parallel-tasks authors
 */
final class YamlPropertySources {

	private YamlPropertySources() {
	}

	static ApplicationContextInitializer<ConfigurableApplicationContext> yaml(String name) {
		return (context) -> {
			try {
				for (PropertySource<?> source : new YamlPropertySourceLoader().load(name,
						new ClassPathResource(name, YamlPropertySources.class))) {
					context.getEnvironment().getPropertySources().addFirst(source);
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		};
	}

}
