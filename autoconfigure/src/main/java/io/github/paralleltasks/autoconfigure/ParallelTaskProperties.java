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
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of parallel-tasks.
 *
 * <p>
 * The properties validate themselves when they are bound, so that a value that the
 * template would refuse stops start-up with the property, its value and where it was set.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
@ConfigurationProperties("parallel-tasks")
public class ParallelTaskProperties implements Validator {

	/**
	 * Whether to auto-configure the ParallelTaskTemplate.
	 */
	private boolean enabled = true;

	/**
	 * Exception classes, by fully qualified name, that are fatal to a batch, besides
	 * those annotated with @FatalError. Subclasses of a named class are fatal too.
	 */
	private List<Class<? extends Throwable>> fatalExceptions = new ArrayList<>();

	/**
	 * Timeout of batches that are given none, positive. By default, batches have no
	 * timeout.
	 */
	private @Nullable Duration defaultTimeout;

	/**
	 * How long a cancelled batch waits for its tasks to end before it reports the ones
	 * still running and returns. Zero or more.
	 */
	private Duration cancelGracePeriod = Duration.ofSeconds(5);

	/**
	 * Name of the Executor bean that runs the tasks. By default, the application's
	 * 'applicationTaskExecutor', or else its only Executor bean.
	 */
	private @Nullable String executor;

	/**
	 * Whether to carry the caller's context (MDC, observation, security context) to the
	 * tasks of a batch. Needs Micrometer's context-propagation library, which the starter
	 * brings.
	 */
	private boolean propagateContext = true;

	private final Metrics metrics = new Metrics();

	private final Async async = new Async();

	private final Cancel cancel = new Cancel();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<Class<? extends Throwable>> getFatalExceptions() {
		return this.fatalExceptions;
	}

	public void setFatalExceptions(List<Class<? extends Throwable>> fatalExceptions) {
		this.fatalExceptions = fatalExceptions;
	}

	public @Nullable Duration getDefaultTimeout() {
		return this.defaultTimeout;
	}

	public void setDefaultTimeout(@Nullable Duration defaultTimeout) {
		this.defaultTimeout = defaultTimeout;
	}

	public Duration getCancelGracePeriod() {
		return this.cancelGracePeriod;
	}

	public void setCancelGracePeriod(Duration cancelGracePeriod) {
		this.cancelGracePeriod = cancelGracePeriod;
	}

	public @Nullable String getExecutor() {
		return this.executor;
	}

	public void setExecutor(@Nullable String executor) {
		this.executor = executor;
	}

	public boolean isPropagateContext() {
		return this.propagateContext;
	}

	public void setPropagateContext(boolean propagateContext) {
		this.propagateContext = propagateContext;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public Async getAsync() {
		return this.async;
	}

	public Cancel getCancel() {
		return this.cancel;
	}

	@Override
	public boolean supports(Class<?> type) {
		return ParallelTaskProperties.class == type;
	}

	@Override
	public void validate(Object target, Errors errors) {
		ParallelTaskProperties properties = (ParallelTaskProperties) target;
		List<Class<? extends Throwable>> fatalTypes = properties.getFatalExceptions();
		for (int i = 0; i < fatalTypes.size(); i++) {
			// Bound from class names with erased generics: the type is not checked yet
			Class<?> type = fatalTypes.get(i);
			if (type != null && !Throwable.class.isAssignableFrom(type)) {
				errors.rejectValue("fatalExceptions[" + i + "]", "notThrowable",
						type.getName() + " is not a java.lang.Throwable");
			}
		}
		Duration defaultTimeout = properties.getDefaultTimeout();
		if (defaultTimeout != null && (defaultTimeout.isNegative() || defaultTimeout.isZero())) {
			errors.rejectValue("defaultTimeout", "notPositive",
					"must be positive (leave it unset for batches without a timeout)");
		}
		Duration cancelGracePeriod = properties.getCancelGracePeriod();
		if (cancelGracePeriod == null || cancelGracePeriod.isNegative()) {
			errors.rejectValue("cancelGracePeriod", "negative", "must be zero or more");
		}
	}

	/**
	 * Properties of the supervision of @Async calls.
	 */
	public static class Async {

		/**
		 * Whether to add a task decorator to the application's ThreadPoolTaskExecutor and
		 * SimpleAsyncTaskExecutor beans, so that a batch can prevent the @Async calls it
		 * starts from running and interrupt their threads.
		 */
		private boolean superviseExecutors = true;

		/**
		 * Whether cancel(true) on the CompletableFuture of any @Async method, also
		 * outside a batch, interrupts the thread that runs it, and cancel(false) keeps a
		 * queued call from starting. Needs supervised executors.
		 */
		private boolean interruptibleFutures = false;

		public boolean isSuperviseExecutors() {
			return this.superviseExecutors;
		}

		public void setSuperviseExecutors(boolean superviseExecutors) {
			this.superviseExecutors = superviseExecutors;
		}

		public boolean isInterruptibleFutures() {
			return this.interruptibleFutures;
		}

		public void setInterruptibleFutures(boolean interruptibleFutures) {
			this.interruptibleFutures = interruptibleFutures;
		}

	}

	/**
	 * Properties of what a cancelled task's work is stopped with, besides an interrupt.
	 */
	public static class Cancel {

		private final Jdbc jdbc = new Jdbc();

		private final Http http = new Http();

		public Jdbc getJdbc() {
			return this.jdbc;
		}

		public Http getHttp() {
			return this.http;
		}

		/**
		 * Properties of the cancellation of JDBC statements.
		 */
		public static class Jdbc {

			/**
			 * Whether to wrap the application's DataSource beans so that a statement that
			 * a cancelled task is executing is cancelled in the database, before the
			 * task's thread is interrupted.
			 */
			private boolean enabled = true;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

		/**
		 * Properties of the HTTP requests of cancelled tasks.
		 */
		public static class Http {

			/**
			 * Whether a cancelled task aborts the HTTP request it is executing through a
			 * RestClient or RestTemplate built with Spring Boot's auto-configured
			 * ClientHttpRequestFactoryBuilder, before its thread is interrupted.
			 */
			private boolean enabled = true;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

	}

	/**
	 * Metrics properties.
	 */
	public static class Metrics {

		/**
		 * Whether to record the metrics and observations of parallel tasks to the
		 * application's MeterRegistry and ObservationRegistry. The 'paralleltasks'
		 * actuator endpoint does not depend on it.
		 */
		private boolean enabled = true;

		/**
		 * Whether each task gets an observation of its own, and so a parallel.tasks.task
		 * timer and a child span of its batch's span. Each costs a few kilobytes of
		 * allocation per task.
		 */
		private boolean taskObservations = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isTaskObservations() {
			return this.taskObservations;
		}

		public void setTaskObservations(boolean taskObservations) {
			this.taskObservations = taskObservations;
		}

	}

}
