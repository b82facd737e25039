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

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelTask;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.Subtask;
import io.github.paralleltasks.http.CancelledSiblings.FatalHttpTestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.util.StreamUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests of how long the requests of a {@link CancellableClientHttpRequestFactory} stay
 * abortable, with a real {@link SimpleClientHttpRequestFactory}, a real batch and the
 * {@link SlowHttpServer}; the aborts are counted on their way to the real
 * {@code HttpURLConnection.disconnect()}.
 *
 * @author parallel-tasks authors
 */
class CancellableClientHttpRequestFactoryTests {

	private final AtomicInteger aborts = new AtomicInteger();

	private ExecutorService pool;

	private ParallelTaskTemplate template;

	private SlowHttpServer server;

	private CancellableClientHttpRequestFactory factory;

	@BeforeEach
	void setUp() throws Exception {
		this.pool = Executors.newFixedThreadPool(2);
		this.template = ParallelTaskTemplate.builder(this.pool)
			.cancelGracePeriod(CancelledSiblings.GRACE_PERIOD)
			.build();
		this.server = new SlowHttpServer();
		SimpleConnectionAbort disconnect = SimpleConnectionAbort.find();
		Function<ClientHttpRequest, Runnable> countedDisconnect = (request) -> {
			Runnable abort = disconnect.apply(request);
			return () -> {
				this.aborts.incrementAndGet();
				abort.run();
			};
		};
		this.factory = new CancellableClientHttpRequestFactory(new SimpleClientHttpRequestFactory(), countedDisconnect);
	}

	@AfterEach
	void tearDown() throws Exception {
		this.server.close();
		this.pool.shutdownNow();
	}

	@Test
	void requestIsAbortedWhileItsResponseIsAwaited() throws Exception {
		CountDownLatch arrived = this.server.expectSlowRequests(1);
		FatalTaskException exception = cancelAfter(arrived, () -> get("/slow"));
		assertThat(exception.getResult().subtask(1).state()).isEqualTo(Subtask.State.CANCELLED);
		assertThat(this.aborts).hasValue(1);
		SlowHttpServer.SlowRequest request = this.server.slowRequests().get(0);
		assertThat(request.awaitEnd(CancelledSiblings.CLOSE_MARGIN)).isTrue();
		assertThat(request.clientClosedNanos()).as("client closed at").isNotZero();
	}

	@Test
	void requestWhoseResponseWasClosedIsNotAbortedWhenItsTaskIsCancelledLater() throws Exception {
		CountDownLatch completed = new CountDownLatch(1);
		FatalTaskException exception = cancelAfter(completed, () -> {
			String body = get("/fast");
			completed.countDown();
			new CountDownLatch(1).await();
			return body;
		});
		assertThat(exception.getResult().subtask(1).state()).isEqualTo(Subtask.State.CANCELLED);
		assertThat(this.aborts).hasValue(0);
	}

	@Test
	void requestOutsideABatchIsNotAborted() throws Exception {
		assertThat(get("/fast")).isEqualTo("fast");
		assertThat(get("/fast")).isEqualTo("fast");
		assertThat(this.aborts).hasValue(0);
		assertThat(this.server.connections()).as("connections opened").isOne();
	}

	@Test
	void requestOfATaskCancelledBeforeItIsSentIsNotSent() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch cancelled = new CountDownLatch(1);
		FatalTaskException exception = catchThrowableOfType(FatalTaskException.class,
				() -> this.template.invokeAll(List.of(ParallelTask.named("fatal", () -> {
					started.await();
					throw new FatalHttpTestException();
				}), ParallelTask.named("late", () -> {
					started.countDown();
					try {
						new CountDownLatch(1).await();
					}
					catch (InterruptedException ex) {
						cancelled.countDown();
					}
					return get("/fast");
				}))));
		assertThat(exception).isNotNull();
		assertThat(cancelled.getCount()).as("the late task saw its interrupt").isZero();
		assertThat(this.server.fastRequests()).isZero();
	}

	private FatalTaskException cancelAfter(CountDownLatch latch, Callable<String> call) {
		FatalTaskException exception = catchThrowableOfType(FatalTaskException.class,
				() -> this.template.invokeAll(List.of(ParallelTask.named("fatal", () -> {
					latch.await();
					throw new FatalHttpTestException();
				}), ParallelTask.named("caller", call))));
		assertThat(exception).isNotNull();
		return exception;
	}

	private String get(String path) throws Exception {
		ClientHttpRequest request = this.factory.createRequest(URI.create(this.server.url() + path), HttpMethod.GET);
		try (ClientHttpResponse response = request.execute()) {
			return StreamUtils.copyToString(response.getBody(), StandardCharsets.US_ASCII);
		}
	}

}
