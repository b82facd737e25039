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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;

import io.github.paralleltasks.TestExceptions.FatalTestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of what batches log, under which category, and of the wording of their messages.
 *
 * @author parallel-tasks authors
 */
@ExtendWith(OutputCaptureExtension.class)
class ParallelTaskTemplateLoggingTests {

	private static final String TOLERATED = "io.github.paralleltasks.tolerated";

	private static final String SUPERVISION = "io.github.paralleltasks.supervision";

	private final TestPools pools = new TestPools();

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void shutdownPools() throws InterruptedException {
		this.release.countDown();
		this.pools.close();
	}

	@Test
	void toleratedErrorIsLoggedUnderItsOwnCategoryWithoutANullMessage(CapturedOutput output) {
		ParallelTaskTemplate template = template().batch("reviews");
		template.invokeAll(List.of(ParallelTask.named("partner", () -> {
			throw new TimeoutException();
		})));
		assertThat(output)
			.containsOnlyOnce("WARN " + TOLERATED + " -- Task 'partner' of batch 'reviews' failed with "
					+ "tolerated error java.util.concurrent.TimeoutException\n")
			.doesNotContain("null");
	}

	@Test
	void taskStillRunningAfterTheGracePeriodIsLoggedAsASupervisionWarning(CapturedOutput output) {
		assertThatExceptionOfType(FatalTaskException.class).isThrownBy(() -> abandonOneTask(template()));
		assertThat(output).containsOnlyOnce("WARN " + SUPERVISION
				+ " -- Task 'stubborn' of batch 'reviews' was still running PT0.1S after it was cancelled");
	}

	@Test
	void quietingToleratedErrorsKeepsTheSupervisionWarnings(CapturedOutput output) {
		LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());
		loggingSystem.setLogLevel(TOLERATED, LogLevel.OFF);
		try {
			ParallelTaskTemplate template = template();
			template.invokeAll(List.of(() -> {
				throw new IllegalStateException("quiet");
			}));
			assertThatExceptionOfType(FatalTaskException.class).isThrownBy(() -> abandonOneTask(template));
		}
		finally {
			loggingSystem.setLogLevel(TOLERATED, null);
		}
		assertThat(output).doesNotContain("quiet").contains("WARN " + SUPERVISION + " -- Task 'stubborn'");
	}

	@Test
	void timeoutOfANamedBatchNamesItOnce() {
		ParallelTaskTemplate template = template();
		List<Callable<String>> tasks = List.of(this::awaitRelease);
		assertThatExceptionOfType(ParallelTimeoutException.class)
			.isThrownBy(() -> template.batch("reviews").invokeAll(tasks, Duration.ofMillis(50)))
			.withMessageStartingWith("Batch 'reviews' did not end within PT0.05S; unfinished tasks were cancelled");
		assertThatExceptionOfType(ParallelTimeoutException.class)
			.isThrownBy(() -> template.invokeAll(tasks, Duration.ofMillis(50)))
			.withMessageStartingWith("Batch did not end within PT0.05S");
	}

	@Test
	void interruptedCallerOfANamedBatchIsToldWhichBatch() {
		ParallelTaskTemplate template = template().batch("reviews");
		Thread caller = Thread.currentThread();
		try {
			assertThatExceptionOfType(ParallelInterruptedException.class)
				.isThrownBy(() -> template.invokeAll(List.of(() -> {
					caller.interrupt();
					return awaitRelease();
				})))
				.withMessageStartingWith("Interrupted while waiting for batch 'reviews'; unfinished tasks");
		}
		finally {
			Thread.interrupted();
		}
	}

	private void abandonOneTask(ParallelTaskTemplate template) {
		CountDownLatch started = new CountDownLatch(1);
		template.batch("reviews").invokeAll(List.of(ParallelTask.named("stubborn", () -> {
			started.countDown();
			return awaitReleaseIgnoringInterrupts();
		}), ParallelTask.named("failing", () -> {
			started.await();
			throw new FatalTestException("gone");
		})));
	}

	private String awaitRelease() throws InterruptedException {
		this.release.await();
		return "released";
	}

	private String awaitReleaseIgnoringInterrupts() {
		while (true) {
			try {
				return awaitRelease();
			}
			catch (InterruptedException ex) {
				// Stubborn on purpose: outlives the grace period
			}
		}
	}

	private ParallelTaskTemplate template() {
		return ParallelTaskTemplate.builder(this.pools.fixed(2)).cancelGracePeriod(Duration.ofMillis(100)).build();
	}

}
