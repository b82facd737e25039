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

import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.TestExceptions.FatalTestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.github.paralleltasks.TestTasks.await;
import static io.github.paralleltasks.TestTasks.throwingAfter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests of the cancellation hooks of
 * {@link ParallelTaskTemplate#onCancel(AutoCloseable)}.
 *
 * @author parallel-tasks authors
 */
@ExtendWith(OutputCaptureExtension.class)
class ParallelTaskTemplateCancelHookTests {

	private final TestPools pools = new TestPools();

	private final ThreadPoolExecutor pool = this.pools.fixed(3);

	private final ParallelTaskTemplate template = ParallelTaskTemplate.builder(this.pool).build();

	private final CountDownLatch registered = new CountDownLatch(1);

	private final Queue<String> events = new ConcurrentLinkedQueue<>();

	@AfterEach
	void shutdownPools() throws InterruptedException {
		this.pools.close();
	}

	@Test
	void hooksRunLastRegisteredFirstAndBeforeTheTaskIsInterrupted() {
		AtomicReference<Thread> runner = new AtomicReference<>();
		Callable<String> blocked = () -> {
			runner.set(Thread.currentThread());
			ParallelTaskTemplate.onCancel(() -> this.events.add("first, interrupted=" + runner.get().isInterrupted()));
			ParallelTaskTemplate.onCancel(() -> this.events.add("second, interrupted=" + runner.get().isInterrupted()));
			return sleepUntilInterrupted();
		};
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> this.template
			.invokeAll(List.of(blocked, throwingAfter(this.registered, new FatalTestException("boom")))));
		assertThat(this.events).containsExactly("second, interrupted=false", "first, interrupted=false", "interrupted");
		assertThat(ex.getResult().subtask(0).state()).isEqualTo(State.CANCELLED);
	}

	@Test
	void hookRunsOnceOnTheCancellingThreadAndNotAgainWhenItsRegistrationIsClosed() {
		AtomicInteger runs = new AtomicInteger();
		AtomicReference<Thread> hookThread = new AtomicReference<>();
		AtomicReference<Thread> runner = new AtomicReference<>();
		Callable<String> blocked = () -> {
			runner.set(Thread.currentThread());
			try (CancelRegistration registration = ParallelTaskTemplate.onCancel(() -> {
				runs.incrementAndGet();
				hookThread.set(Thread.currentThread());
			})) {
				return sleepUntilInterrupted();
			}
		};
		catchThrowableOfType(FatalTaskException.class, () -> this.template
			.invokeAll(List.of(blocked, throwingAfter(this.registered, new FatalTestException("boom")))));
		assertThat(runs).hasValue(1);
		assertThat(hookThread.get()).isNotNull().isNotSameAs(runner.get());
	}

	@Test
	void hookRegisteredAfterTheTaskWasCancelledRunsAtOnceOnTheRegisteringThread() {
		AtomicReference<Thread> hookThread = new AtomicReference<>();
		AtomicReference<Thread> runner = new AtomicReference<>();
		Callable<String> late = () -> {
			runner.set(Thread.currentThread());
			this.registered.countDown();
			try {
				Thread.sleep(TestTasks.LONG_WORK.toMillis());
			}
			catch (InterruptedException ex) {
				ParallelTaskTemplate.onCancel(() -> hookThread.set(Thread.currentThread())).close();
				throw ex;
			}
			return "late";
		};
		catchThrowableOfType(FatalTaskException.class, () -> this.template
			.invokeAll(List.of(late, throwingAfter(this.registered, new FatalTestException("boom")))));
		assertThat(hookThread.get()).isNotNull().isSameAs(runner.get());
	}

	@Test
	void hookThatThrowsIsLoggedAndTheCancelGoesOnToTheOtherHooksAndTheInterrupt(CapturedOutput output) {
		Callable<String> blocked = () -> {
			ParallelTaskTemplate.onCancel(() -> this.events.add("other hook"));
			ParallelTaskTemplate.onCancel(new FailingHook());
			return sleepUntilInterrupted();
		};
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> this.template
			.invokeAll(List.of(blocked, throwingAfter(this.registered, new FatalTestException("boom")))));
		assertThat(ex.getCause()).isInstanceOf(FatalTestException.class);
		assertThat(this.events).containsExactly("other hook", "interrupted");
		assertThat(output).contains("Cancellation hook failing-hook failed; the task is interrupted all the same")
			.contains("IllegalStateException: hook failed");
	}

	@Test
	void noHookRunsForATaskThatEndedOrClosedItsRegistrationBeforeTheCancel() throws Exception {
		AtomicBoolean ran = new AtomicBoolean();
		CountDownLatch ended = new CountDownLatch(2);
		Callable<String> leaking = () -> {
			// Never closed: it must not outlive its task
			ParallelTaskTemplate.onCancel(() -> ran.set(true));
			ended.countDown();
			return "leaking";
		};
		Callable<String> closing = () -> {
			ParallelTaskTemplate.onCancel(() -> ran.set(true)).close();
			ended.countDown();
			this.registered.countDown();
			return sleepUntilInterrupted();
		};
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> this.template.execute((scope) -> {
			Subtask<String> first = scope.fork(leaking);
			scope.fork(closing);
			scope.fork(() -> {
				await(ended);
				// The first task counts down before it ends: a cancel until then finds
				// its hook, which must run
				TestTasks.eventually().until(() -> first.state() == State.SUCCESS);
				throw new FatalTestException("boom");
			});
			return scope.join();
		}));
		assertThat(ex.getResult().subtask(0).state()).isEqualTo(State.SUCCESS);
		assertThat(ex.getResult().subtask(1).state()).isEqualTo(State.CANCELLED);
		assertThat(ran).isFalse();
		assertThat(this.events).containsExactly("interrupted");
	}

	@Test
	void closingWaitsUntilTheHookThatTheCancellerRunsHasReturned() throws Exception {
		CountDownLatch hookStarted = new CountDownLatch(1);
		CountDownLatch hookRelease = new CountDownLatch(1);
		AtomicBoolean closed = new AtomicBoolean();
		AtomicReference<Thread> runner = new AtomicReference<>();
		Callable<String> blocked = () -> {
			runner.set(Thread.currentThread());
			CancelRegistration registration = ParallelTaskTemplate.onCancel(() -> {
				hookStarted.countDown();
				await(hookRelease);
			});
			this.registered.countDown();
			// Close while the canceller runs the hook, before it interrupts: poll, as
			// CPU-bound work would. Not until isCancelled(): that is true as soon as the
			// batch is cancelled, before the canceller reaches this task's hooks, and a
			// registration closed in between leaves no hook to run
			TestTasks.eventually().until(() -> hookStarted.getCount() == 0);
			registration.close();
			closed.set(true);
			return "blocked";
		};
		CallerThread caller = CallerThread.start(() -> this.template
			.invokeAll(List.of(blocked, throwingAfter(this.registered, new FatalTestException("boom")))));
		await(hookStarted);
		TestTasks.eventually()
			.untilAsserted(
					() -> assertThat(runner.get().getState()).isIn(Thread.State.TIMED_WAITING, Thread.State.WAITING));
		assertThat(closed).isFalse();
		hookRelease.countDown();
		assertThat(caller.outcome().exception()).isInstanceOf(FatalTaskException.class);
		assertThat(closed).isTrue();
	}

	@Test
	void outsideABatchRegisteringDoesNothingAndAllocatesNothing() {
		AtomicBoolean ran = new AtomicBoolean();
		CancelRegistration first = ParallelTaskTemplate.onCancel(() -> ran.set(true));
		CancelRegistration second = ParallelTaskTemplate.onCancel(() -> ran.set(true));
		first.close();
		second.close();
		assertThat(first).isSameAs(second);
		assertThat(ran).isFalse();
	}

	@Test
	void registeringANullHookFails() {
		assertThatNullPointerException().isThrownBy(() -> ParallelTaskTemplate.onCancel(null))
			.withMessage("Hook must not be null");
	}

	private String sleepUntilInterrupted() throws InterruptedException {
		this.registered.countDown();
		try {
			Thread.sleep(TestTasks.LONG_WORK.toMillis());
		}
		catch (InterruptedException ex) {
			this.events.add("interrupted");
			throw ex;
		}
		return "not interrupted";
	}

	private static final class FailingHook implements AutoCloseable {

		@Override
		public void close() {
			throw new IllegalStateException("hook failed");
		}

		@Override
		public String toString() {
			return "failing-hook";
		}

	}

}
