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

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.paralleltasks.FatalErrorPolicy;
import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelShutdownException;
import io.github.paralleltasks.ParallelTask;
import io.github.paralleltasks.metrics.ParallelTaskMetrics;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.Subtask;
import io.github.paralleltasks.context.TaskContextPropagator;
import io.github.paralleltasks.TestExceptions.FatalTestException;
import io.github.paralleltasks.TestTasks;
import io.github.paralleltasks.context.ContextSnapshotPropagator;
import io.github.paralleltasks.task.AsyncSupervisionBeanPostProcessor;
import io.micrometer.context.ContextSnapshotFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ParallelTaskAutoConfiguration}.
 *
 * @author parallel-tasks authors
 */
@ExtendWith(OutputCaptureExtension.class)
class ParallelTaskAutoConfigurationTests {

	private static final String LOGGER = ParallelTaskAutoConfiguration.class.getName();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(TaskExecutionAutoConfiguration.class, ParallelTaskAutoConfiguration.class));

	@Test
	void templateRunsOnApplicationTaskExecutor() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ParallelTaskTemplate.class);
			ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
			assertThat(template.getExecutor()).isSameAs(context.getBean("applicationTaskExecutor"));
			assertThat(template.getCancelGracePeriod()).isEqualTo(Duration.ofSeconds(5));
			assertThat(template.getDefaultTimeout()).isNull();
			assertThat(template.getMetrics()).isSameAs(ParallelTaskMetrics.NONE);
		});
	}

	@Test
	void templateShutDownByTheContextCancelsTheBatchesStartedAfterwards() {
		this.contextRunner.run((context) -> {
			ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
			context.getBean(ParallelTaskShutdownLifecycle.class).stop();
			assertThat(template.isShutDown()).isTrue();
			assertThat(template.batch("later").isShutDown()).isTrue();
			assertThatExceptionOfType(ParallelShutdownException.class)
				.isThrownBy(() -> template.invokeAll(List.of(() -> "never runs")))
				.satisfies((ex) -> assertThat(ex.getResult().subtask(0).state()).isEqualTo(Subtask.State.CANCELLED));
		});
	}

	@Test
	void templateRunsBatchesAgainWhenTheContextIsStartedAgain() {
		this.contextRunner.run((context) -> {
			ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
			context.stop();
			assertThat(template.isShutDown()).isTrue();
			context.start();
			assertThat(template.isShutDown()).isFalse();
			assertThat(template.invokeAll(List.of(() -> "runs")).values()).containsExactly("runs");
		});
	}

	@Test
	void starterRegistersNoExecutorSoApplicationTaskExecutorStays() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBeansOfType(Executor.class)).containsOnlyKeys("applicationTaskExecutor");
			assertThat(context.getBean("applicationTaskExecutor")).isInstanceOf(ThreadPoolTaskExecutor.class);
		});
	}

	@Test
	void templateBacksOffWhenUserDefinesOne() {
		this.contextRunner.withUserConfiguration(UserTemplateConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ParallelTaskTemplate.class);
			assertThat(context.getBean(ParallelTaskTemplate.class)).isSameAs(context.getBean("userTemplate"));
		});
	}

	@Test
	void templateIsNotConfiguredWhenDisabled() {
		this.contextRunner.withPropertyValues("parallel-tasks.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ParallelTaskTemplate.class)
				.doesNotHaveBean(FatalErrorPolicy.class));
	}

	@Test
	void propertiesAreBoundToTheTemplate() {
		this.contextRunner
			.withPropertyValues("parallel-tasks.default-timeout=3s", "parallel-tasks.cancel-grace-period=250ms",
					"parallel-tasks.fatal-exceptions=java.lang.IllegalStateException, java.io.IOException, "
							+ "io.github.paralleltasks.TestExceptions$FatalTestException")
			.run((context) -> {
				ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
				assertThat(template.getDefaultTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(template.getCancelGracePeriod()).isEqualTo(Duration.ofMillis(250));
				FatalErrorPolicy policy = template.getFatalErrorPolicy();
				assertThat(policy.getFatalTypes()).containsExactly(IllegalStateException.class,
						java.io.IOException.class, FatalTestException.class);
				assertThat(policy.isFatal(new java.io.FileNotFoundException())).isTrue();
				assertThat(policy.isFatal(new IllegalArgumentException())).isFalse();
			});
	}

	@Test
	void templateCarriesTheCallersContextWhenContextPropagationIsPresent() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TaskContextPropagator.class);
			ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
			assertThat(template.getContextPropagator()).isInstanceOf(ContextSnapshotPropagator.class);
			MDC.put("requestId", "r-7");
			try {
				assertThat(template.<String>invokeAll(List.of(() -> MDC.get("requestId"))).values())
					.containsExactly("r-7");
			}
			finally {
				MDC.remove("requestId");
			}
		});
	}

	@Test
	void contextPropagationBacksOffWithoutTheLibraryOrWhenDisabled() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ContextSnapshotFactory.class))
			.run((context) -> assertThat(context.getBean(ParallelTaskTemplate.class).getContextPropagator())
				.isSameAs(TaskContextPropagator.NONE));
		this.contextRunner.withPropertyValues("parallel-tasks.propagate-context=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TaskContextPropagator.class));
	}

	@Test
	void executorBeansAreSupervisedUnlessDisabled() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(AsyncSupervisionBeanPostProcessor.class));
		this.contextRunner.withPropertyValues("parallel-tasks.async.supervise-executors=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AsyncSupervisionBeanPostProcessor.class));
	}

	@Test
	void executorPropertySelectsTheNamedBean() {
		this.contextRunner.withUserConfiguration(ReportExecutorConfiguration.class)
			.withPropertyValues("parallel-tasks.executor=reportExecutor")
			.run((context) -> assertThat(context.getBean(ParallelTaskTemplate.class).getExecutor())
				.isSameAs(context.getBean("reportExecutor")));
	}

	@Test
	void executorThatIsNotADefaultCandidateKeepsApplicationTaskExecutor() {
		// What the README advises for an executor of one's own, on both Spring Boot lines
		this.contextRunner.withUserConfiguration(ReportExecutorConfiguration.class)
			.run((context) -> assertThat(context.getBean(ParallelTaskTemplate.class).getExecutor())
				.isSameAs(context.getBean("applicationTaskExecutor")));
	}

	@Test
	void executorIsLoggedAtInfoWithWhetherAsyncCallsOnItAreSupervised(CapturedOutput output) {
		this.contextRunner.run((context) -> assertThat(output).containsOnlyOnce(
				"INFO " + LOGGER + " -- ParallelTaskTemplate runs its tasks on executor bean 'applicationTaskExecutor' "
						+ "(ThreadPoolTaskExecutor, Spring Boot's task executor); @Async calls that run on it are "
						+ "supervised: a batch can keep them from starting and interrupt them"));
	}

	@Test
	void executorNamedByThePropertyIsLoggedAtInfo(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(ReportExecutorConfiguration.class)
			.withPropertyValues("parallel-tasks.executor=reportExecutor",
					"parallel-tasks.async.supervise-executors=false")
			.run((context) -> assertThat(output).containsOnlyOnce("INFO " + LOGGER
					+ " -- ParallelTaskTemplate runs its tasks on executor bean 'reportExecutor' "
					+ "(ThreadPoolTaskExecutor, named by parallel-tasks.executor); @Async calls that run on it are "
					+ "not supervised, since parallel-tasks.async.supervise-executors is false"));
	}

	@Test
	void fallingBackToTheOnlyExecutorBeanIsLoggedAtWarn(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(PlainPoolConfiguration.class).run((context) -> {
			assertThat(context.getBean(ParallelTaskTemplate.class).getExecutor()).isSameAs(context.getBean("pool"));
			assertThat(output).containsOnlyOnce("WARN " + LOGGER
					+ " -- ParallelTaskTemplate runs its tasks on executor bean 'pool' (ThreadPoolExecutor, the only "
					+ "Executor bean, since there is no bean named 'applicationTaskExecutor': Spring Boot's task "
					+ "executor backs off when the application defines an Executor bean); @Async calls that run on "
					+ "it are not supervised: it takes no task decorator, so a batch can cancel their futures but "
					+ "cannot stop their work. @Async methods without a qualifier do not run on it (it is not a "
					+ "TaskExecutor): Spring picks another executor for them, or creates one. Set "
					+ "parallel-tasks.executor=pool to choose it explicitly, or declare it with "
					+ "@Bean(defaultCandidate = false) so that Spring Boot's applicationTaskExecutor stays");
		});
	}

	@Test
	void fallingBackToThePrimaryOfSeveralExecutorBeansNamesThemAll(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(PlainPoolConfiguration.class, PrimaryPoolConfiguration.class)
			.run((context) -> {
				assertThat(context.getBean(ParallelTaskTemplate.class).getExecutor())
					.isSameAs(context.getBean("primaryPool"));
				assertThat(output).containsOnlyOnce("WARN " + LOGGER
						+ " -- ParallelTaskTemplate runs its tasks on executor bean 'primaryPool' (ThreadPoolExecutor, "
						+ "the Executor bean that injection by type picks of pool, primaryPool, since there is no "
						+ "bean named 'applicationTaskExecutor'");
			});
	}

	@Test
	void executorChosenByThePropertyIsNotAFallback(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(PlainPoolConfiguration.class)
			.withPropertyValues("parallel-tasks.executor=pool")
			.run((context) -> assertThat(output).contains("INFO " + LOGGER, "named by parallel-tasks.executor")
				.doesNotContain("WARN " + LOGGER));
	}

	@Test
	void propagationWithoutTheLibraryIsLoggedOnceAtWarn(CapturedOutput output) {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ContextSnapshotFactory.class))
			.run((context) -> assertThat(output).containsOnlyOnce("WARN " + LOGGER
					+ " -- parallel-tasks.propagate-context is true, but Micrometer's context-propagation library "
					+ "is not on the class path, so tasks do not get the caller's MDC, observation or security "
					+ "context: add io.micrometer:context-propagation, or set parallel-tasks.propagate-context=false"));
	}

	@Test
	void propagationWithTheLibraryOrTurnedOffLogsNothing(CapturedOutput output) {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner.withClassLoader(new FilteredClassLoader(ContextSnapshotFactory.class))
			.withPropertyValues("parallel-tasks.propagate-context=false")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain("propagate-context");
	}

	@Test
	void autoConfiguredTemplateInterruptsSiblingsOnFatalError() {
		this.contextRunner
			.run((context) -> assertFatalErrorInterruptsSibling(context.getBean(ParallelTaskTemplate.class)));
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void templateRunsOnVirtualThreadsWhenEnabled() {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			ParallelTaskTemplate template = context.getBean(ParallelTaskTemplate.class);
			assertThat(template.getExecutor()).isInstanceOf(SimpleAsyncTaskExecutor.class);
			Subtask<Boolean> virtual = template.<Boolean>invokeAll(List.of(() -> isVirtual(Thread.currentThread())))
				.subtask(0);
			assertThat(virtual.get()).isTrue();
			assertFatalErrorInterruptsSibling(template);
		});
	}

	private static boolean isVirtual(Thread thread) throws Exception {
		return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
	}

	private static void assertFatalErrorInterruptsSibling(ParallelTaskTemplate template) {
		CountDownLatch siblingRunning = new CountDownLatch(1);
		Collection<String> interrupted = new ConcurrentLinkedQueue<>();
		Callable<String> sibling = TestTasks.sleeper("sibling", siblingRunning, interrupted);
		Callable<String> failing = () -> {
			siblingRunning.await();
			throw new FatalTestException("Order is gone");
		};
		long start = System.nanoTime();
		assertThatExceptionOfType(FatalTaskException.class)
			.isThrownBy(() -> template
				.invokeAll(List.of(ParallelTask.named("sibling", sibling), ParallelTask.named("failing", failing))))
			.satisfies((ex) -> {
				assertThat(ex.taskName()).isEqualTo("failing");
				assertThat(ex.getCause()).isInstanceOf(FatalTestException.class);
				assertThat(ex.getResult().subtask(0).state()).isEqualTo(Subtask.State.CANCELLED);
			});
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		assertThat(interrupted).containsExactly("sibling");
	}

	@Configuration(proxyBeanMethods = false)
	static class UserTemplateConfiguration {

		@Bean
		ParallelTaskTemplate userTemplate() {
			return ParallelTaskTemplate.builder(Runnable::run).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlainPoolConfiguration {

		@Bean(destroyMethod = "shutdown")
		ExecutorService pool() {
			return Executors.newFixedThreadPool(2);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PrimaryPoolConfiguration {

		@Bean(destroyMethod = "shutdown")
		@Primary
		ExecutorService primaryPool() {
			return Executors.newFixedThreadPool(1);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReportExecutorConfiguration {

		@Bean(defaultCandidate = false)
		ThreadPoolTaskExecutor reportExecutor() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setCorePoolSize(2);
			return executor;
		}

	}

}
