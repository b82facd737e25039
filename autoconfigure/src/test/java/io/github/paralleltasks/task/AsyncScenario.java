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

package io.github.paralleltasks.task;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.paralleltasks.task.AsyncFixtures.AsyncWork;
import org.awaitility.core.ConditionTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared state of the {@link AsyncWork} calls of one test: what each call did, and
 * when, recorded on the calls' threads and read by the test.
 *
 * @author parallel-tasks authors
 */
final class AsyncScenario {

	private final SupervisedExecutor executor;

	private final Thread caller = Thread.currentThread();

	private final CountDownLatch blocking;

	private final CountDownLatch lastCallSubmitted = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

	private final Set<String> entered = ConcurrentHashMap.newKeySet();

	private final Set<String> finished = ConcurrentHashMap.newKeySet();

	private final Map<String, Thread> threads = new ConcurrentHashMap<>();

	private final Map<String, String> requestContexts = new ConcurrentHashMap<>();

	private final Map<String, Long> interruptedAt = new ConcurrentHashMap<>();

	private final Map<String, Long> cancelSeenAt = new ConcurrentHashMap<>();

	private volatile long fatalErrorAt;

	private volatile boolean lastCallHeldBack;

	private volatile boolean cancelledAtStart;

	/**
	 * Create a scenario whose caller is the current thread.
	 * @param blockingCalls how many calls must block, or spin, before the fatal error is
	 * thrown
	 * @param executor the executor that holds back the last call, or {@code null} if no
	 * call is held back
	 */
	AsyncScenario(int blockingCalls, SupervisedExecutor executor) {
		this.blocking = new CountDownLatch(blockingCalls);
		this.executor = executor;
	}

	// Recorded by the calls

	void enter(String name) {
		this.entered.add(name);
		this.threads.put(name, Thread.currentThread());
		this.requestContexts.put(name, Objects.requireNonNullElse(RequestContextTaskDecorator.CONTEXT.get(), "none"));
	}

	void blocking(String name) {
		this.blocking.countDown();
	}

	void interrupted(String name) {
		this.interruptedAt.put(name, System.nanoTime());
	}

	void finished(String name) {
		this.finished.add(name);
	}

	void cancelledAtStart(boolean cancelled) {
		this.cancelledAtStart = cancelled;
	}

	void cancelSeen(String name) {
		this.cancelSeenAt.put(name, System.nanoTime());
	}

	BlockingQueue<String> queue() {
		return this.queue;
	}

	boolean awaitRelease() throws InterruptedException {
		return this.release.await(AsyncFixtures.BLOCKING_WORK.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Wait until the blocking calls block and, if the scenario has one, until the last
	 * call waits for a thread of the executor.
	 */
	void awaitSiblingsBlockingAndLastCallHeldBack() {
		try {
			if (!this.blocking.await(AsyncFixtures.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				return;
			}
			if (this.executor != null) {
				AsyncFixtures.waitUntil(() -> this.executor.holdsBackLastCall(this));
				this.lastCallHeldBack = true;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ConditionTimeoutException ex) {
			// lastCallHeldBack stays false, the test reports it
		}
	}

	void fatalErrorThrown() {
		this.fatalErrorAt = System.nanoTime();
	}

	// Used by the test

	<T> T lastCallSubmitted(T future) {
		this.lastCallSubmitted.countDown();
		return future;
	}

	boolean isLastCallSubmitted() {
		return this.lastCallSubmitted.getCount() == 0;
	}

	Thread caller() {
		return this.caller;
	}

	/**
	 * Wait until the blocking calls block.
	 * @return {@code false} if they did not within {@link AsyncFixtures#WAIT}
	 */
	boolean awaitBlocking() throws InterruptedException {
		return this.blocking.await(AsyncFixtures.WAIT.toMillis(), TimeUnit.MILLISECONDS);
	}

	void release() {
		this.release.countDown();
	}

	Set<String> entered() {
		return this.entered;
	}

	Set<String> finished() {
		return this.finished;
	}

	Set<String> interrupted() {
		return this.interruptedAt.keySet();
	}

	Map<String, Thread> threads() {
		return this.threads;
	}

	Thread thread(String name) {
		return this.threads.get(name);
	}

	String requestContext(String name) {
		return this.requestContexts.get(name);
	}

	boolean lastCallHeldBack() {
		return this.lastCallHeldBack;
	}

	boolean cancelledAtStart() {
		return this.cancelledAtStart;
	}

	/**
	 * Return how long after the fatal error was thrown the call of that name was
	 * interrupted.
	 */
	Duration interruptLatency(String name) {
		Long at = this.interruptedAt.get(name);
		assertThat(at).as("%s was interrupted", name).isNotNull();
		return Duration.ofNanos(at - this.fatalErrorAt);
	}

	/**
	 * Return how long after the fatal error was thrown the call of that name saw that its
	 * batch was cancelled.
	 */
	Duration cancelSeenLatency(String name) {
		Long at = this.cancelSeenAt.get(name);
		assertThat(at).as("%s saw the cancel", name).isNotNull();
		return Duration.ofNanos(at - this.fatalErrorAt);
	}

}
