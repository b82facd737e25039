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
package io.github.paralleltasks.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.paralleltasks.AsyncCall;
import io.github.paralleltasks.FatalError;
import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelTask;
import io.github.paralleltasks.ParallelTaskOperations;
import io.github.paralleltasks.Subtask;
import io.github.paralleltasks.http.SlowHttpServer.SlowRequest;

import org.springframework.context.ApplicationContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The scenario of issue #8: a batch of three tasks, one of which fails fatally once its
 * two siblings' requests have reached the {@link SlowHttpServer}; and what it must end
 * with when the requests are aborted.
 *
 * @author parallel-tasks authors
 */
final class CancelledSiblings {

	/**
	 * Cancel grace period of the contexts of the tests.
	 */
	static final Duration GRACE_PERIOD = Duration.ofSeconds(2);

	/**
	 * Longest time from the fatal error to the server seeing a sibling's connection
	 * closed, far below {@link SlowHttpServer#HOLD}.
	 */
	static final Duration CLOSE_MARGIN = Duration.ofMillis(1500);

	/**
	 * Longest time from the fatal error to the batch returning, far below the grace
	 * period.
	 */
	static final Duration RETURN_MARGIN = Duration.ofSeconds(1);

	private static final Duration WAIT = Duration.ofSeconds(10);

	private CancelledSiblings() {
	}

	/**
	 * Run the batch with {@code invokeAll}, each sibling making {@code slowCall}.
	 */
	static Outcome invokeAll(ParallelTaskOperations template, SlowHttpServer server, Callable<String> slowCall) {
		CountDownLatch arrived = server.expectSlowRequests(2);
		CountDownLatch siblingsEnded = new CountDownLatch(2);
		AtomicLong thrown = new AtomicLong();
		Callable<String> sibling = () -> {
			try {
				return slowCall.call();
			}
			finally {
				siblingsEnded.countDown();
			}
		};
		FatalTaskException exception = catchThrowableOfType(FatalTaskException.class,
				() -> template.invokeAll(List.of(ParallelTask.named("fatal", () -> {
					if (!arrived.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
						throw new IllegalStateException("The siblings' requests did not reach the server");
					}
					thrown.set(System.nanoTime());
					throw new FatalHttpTestException();
				}), ParallelTask.named("first", sibling), ParallelTask.named("second", sibling))));
		long returned = System.nanoTime();
		return new Outcome(exception, thrown.get(), returned, siblingsEnded, server);
	}

	/**
	 * Run the batch with {@code invokeAll}, each sibling calling {@code /redirect} with a
	 * {@code RestClient} of the context, so that the request to {@code /slow} that the
	 * batch cancels is the one the client sent after the {@code 302}.
	 */
	static Outcome invokeAllRedirected(ApplicationContext context, SlowHttpServer server) {
		RestClient client = context.getBean(RestClient.Builder.class).baseUrl(server.url()).build();
		Outcome outcome = invokeAll(context.getBean(ParallelTaskOperations.class), server,
				() -> client.get().uri("/redirect").retrieve().body(String.class));
		assertThat(server.redirects()).as("requests to /redirect").isEqualTo(2);
		return outcome;
	}

	/**
	 * Run the batch with {@code awaitAll}: the siblings are {@code @Async} calls, and the
	 * fatal one is one too.
	 */
	static Outcome awaitAll(ParallelTaskOperations template, SlowHttpServer server, AsyncCall<String> slowCall,
			FailingCall failingCall) {
		CountDownLatch arrived = server.expectSlowRequests(2);
		AtomicLong thrown = new AtomicLong();
		FatalTaskException exception = catchThrowableOfType(FatalTaskException.class, () -> template
			.awaitAll(List.of(() -> failingCall.failWhenArrived(arrived, thrown), slowCall, slowCall)));
		long returned = System.nanoTime();
		return new Outcome(exception, thrown.get(), returned, null, server);
	}

	/**
	 * Assert that the siblings' requests were aborted: the server saw each connection
	 * closed soon after the fatal error, the siblings are cancelled and the batch
	 * returned well before the grace period ran out.
	 */
	static void assertAborted(Outcome outcome) throws InterruptedException {
		assertThat(outcome.exception()).as("the batch's exception").isNotNull();
		assertThat(outcome.exception()).hasCauseInstanceOf(FatalHttpTestException.class);
		List<Subtask<?>> subtasks = List.copyOf(outcome.exception().getResult().subtasks());
		assertThat(subtasks).hasSize(3);
		assertThat(subtasks.get(0).state()).isEqualTo(Subtask.State.FATAL);
		assertThat(subtasks.get(1).state()).as("first sibling").isEqualTo(Subtask.State.CANCELLED);
		assertThat(subtasks.get(2).state()).as("second sibling").isEqualTo(Subtask.State.CANCELLED);
		assertThat(Duration.ofNanos(outcome.returnedNanos() - outcome.thrownNanos())).as("time to return")
			.isLessThan(RETURN_MARGIN);
		List<SlowRequest> requests = outcome.server().slowRequests();
		assertThat(requests).hasSize(2);
		for (SlowRequest request : requests) {
			assertThat(request.awaitEnd(CLOSE_MARGIN.plusSeconds(1))).as("request ended").isTrue();
			assertThat(request.answeredNanos()).as("answered at").isZero();
			assertThat(request.clientClosedNanos()).as("client closed at").isNotZero();
			assertThat(Duration.ofNanos(request.clientClosedNanos() - outcome.thrownNanos()))
				.as("time from the fatal error to the server seeing the connection closed")
				.isLessThan(CLOSE_MARGIN);
		}
		if (outcome.siblingsEnded() != null) {
			assertThat(outcome.siblingsEnded().await(CLOSE_MARGIN.toMillis(), TimeUnit.MILLISECONDS))
				.as("siblings' threads left their calls")
				.isTrue();
		}
	}

	/**
	 * Assert that the threads of the application's pool, if it is one, are all idle.
	 */
	static void assertPoolIdle(ApplicationContext context) {
		Object executor = context.getBean("applicationTaskExecutor");
		if (executor instanceof ThreadPoolTaskExecutor pool) {
			await().atMost(CLOSE_MARGIN).pollInterval(Duration.ofMillis(10)).until(() -> pool.getActiveCount() == 0);
		}
	}

	/**
	 * Time, from the fatal error, at which the server saw the connection of each sibling
	 * closed, in milliseconds.
	 */
	static List<Double> closeMillis(Outcome outcome) throws InterruptedException {
		List<SlowRequest> requests = outcome.server().slowRequests();
		for (SlowRequest request : requests) {
			request.awaitEnd(SlowHttpServer.HOLD.plusSeconds(1));
		}
		return requests.stream()
			.map((request) -> (request.clientClosedNanos() != 0)
					? (request.clientClosedNanos() - outcome.thrownNanos()) / 1e6 : Double.NaN)
			.toList();
	}

	/**
	 * What a batch ended with.
	 */
	record Outcome(FatalTaskException exception, long thrownNanos, long returnedNanos, CountDownLatch siblingsEnded,
			SlowHttpServer server) {

	}

	/**
	 * An {@code @Async} call that fails fatally once the siblings' requests arrived.
	 */
	interface FailingCall {

		CompletableFuture<String> failWhenArrived(CountDownLatch arrived, AtomicLong thrown);

	}

	/**
	 * A fatal exception.
	 */
	@FatalError
	static class FatalHttpTestException extends RuntimeException {

		FatalHttpTestException() {
			super("Order not found");
		}

	}

}
