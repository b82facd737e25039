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

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that the core runs with nothing but the JDK and commons-logging: the template's
 * classes are loaded by a class loader that sees only the library's classes and
 * commons-logging, under the platform class loader, so a reference to Micrometer or
 * Spring would fail to load.
 *
 * @author parallel-tasks authors
 */
class CoreWithoutMicrometerTests {

	@Test
	void batchesRunAndCancelWithOnlyTheJdkAndCommonsLoggingOnTheClassPath() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try (RecordingClassLoader loader = new RecordingClassLoader()) {
			Class<?> templateType = loader.loadClass(ParallelTaskTemplate.class.getName());
			assertThat(templateType.getClassLoader()).isSameAs(loader);
			Class<?> policyType = loader.loadClass(FatalErrorPolicy.class.getName());
			Object policy = policyType.getMethod("of", java.util.Collection.class)
				.invoke(null, List.of(UnsupportedOperationException.class));
			Object builder = templateType.getMethod("builder", java.util.concurrent.Executor.class).invoke(null, pool);
			builder.getClass().getMethod("fatalErrorPolicy", policyType).invoke(builder, policy);
			Object template = builder.getClass().getMethod("build").invoke(builder);
			Method invokeAll = templateType.getMethod("invokeAll", List.class);

			Object result = invokeAll.invoke(template, List.<Callable<Object>>of(() -> "a", () -> {
				throw new IllegalStateException("tolerated");
			}));
			assertThat(result.getClass().getMethod("values").invoke(result)).isEqualTo(List.of("a"));
			assertThat((List<?>) result.getClass().getMethod("failures").invoke(result)).hasSize(1);

			CountDownLatch siblingStarted = new CountDownLatch(1);
			CountDownLatch siblingInterrupted = new CountDownLatch(1);
			Callable<Object> sibling = () -> {
				siblingStarted.countDown();
				try {
					Thread.sleep(TimeUnit.MINUTES.toMillis(1));
					return "never";
				}
				catch (InterruptedException ex) {
					siblingInterrupted.countDown();
					throw ex;
				}
			};
			Callable<Object> fatal = () -> {
				TestTasks.await(siblingStarted);
				throw new UnsupportedOperationException("fatal");
			};
			assertThatExceptionOfType(InvocationTargetException.class)
				.isThrownBy(() -> invokeAll.invoke(template, List.of(sibling, fatal)))
				.havingCause()
				.matches((ex) -> ex.getClass().getName().equals(FatalTaskException.class.getName()))
				.withRootCauseInstanceOf(UnsupportedOperationException.class);
			assertThat(siblingInterrupted.await(10, TimeUnit.SECONDS)).as("sibling interrupted").isTrue();
			assertThat(loader.requested).as("classes asked of the isolated loader")
				.anyMatch((name) -> name.startsWith("io.github.paralleltasks."))
				.noneMatch((name) -> name.startsWith("io.micrometer.") || name.startsWith("org.springframework."));
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> loader.loadClass("io.micrometer.core.instrument.MeterRegistry"));
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * Sees the library's classes and commons-logging only, and records every class asked
	 * of it.
	 */
	private static final class RecordingClassLoader extends URLClassLoader {

		private final Queue<String> requested = new ConcurrentLinkedQueue<>();

		RecordingClassLoader() {
			super(new URL[] { locationOf(ParallelTaskTemplate.class), locationOf(LogFactory.class) },
					ClassLoader.getPlatformClassLoader());
		}

		private static URL locationOf(Class<?> type) {
			return type.getProtectionDomain().getCodeSource().getLocation();
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			this.requested.add(name);
			return super.loadClass(name, resolve);
		}

	}

}
