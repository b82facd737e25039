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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Function;
import java.util.stream.Stream;

import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.TestExceptions.ConfiguredSubclassException;
import io.github.paralleltasks.TestExceptions.DeeplyMetaAnnotatedException;
import io.github.paralleltasks.TestExceptions.ExtendedMarkerException;
import io.github.paralleltasks.TestExceptions.FatalTestException;
import io.github.paralleltasks.TestExceptions.MarkedFatalException;
import io.github.paralleltasks.TestExceptions.MetaAnnotatedException;
import io.github.paralleltasks.TestExceptions.SubclassOfFatalException;
import io.github.paralleltasks.TestExceptions.SubclassOfMarkedException;
import io.github.paralleltasks.TestExceptions.SubclassOfMetaAnnotatedException;
import io.github.paralleltasks.TestExceptions.ToleratedTestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.paralleltasks.TestTasks.since;
import static io.github.paralleltasks.TestTasks.sleeper;
import static io.github.paralleltasks.TestTasks.throwingAfter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests of which exceptions {@link ParallelTaskTemplate} treats as fatal, and of the
 * unwrapping that callers and metrics see.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskTemplateFatalClassificationTests {

	private final TestPools pools = new TestPools();

	private final RecordingParallelTaskMetrics metrics = new RecordingParallelTaskMetrics();

	private final Collection<String> interrupted = new ConcurrentLinkedQueue<>();

	@AfterEach
	void shutdownPools() throws InterruptedException {
		this.pools.close();
	}

	static Stream<Throwable> fatalErrors() {
		return Stream.of(new SubclassOfFatalException("annotated superclass"),
				new MarkedFatalException("annotated interface"),
				new SubclassOfMarkedException("annotated interface of the superclass"),
				new ExtendedMarkerException("annotated superinterface, checked"),
				new MetaAnnotatedException("meta-annotated"),
				new SubclassOfMetaAnnotatedException("meta-annotated superclass"),
				new DeeplyMetaAnnotatedException("meta-meta-annotated"), new StackOverflowError(),
				new OutOfMemoryError("thrown by the task"));
	}

	@ParameterizedTest
	@MethodSource("fatalErrors")
	void fatalErrorFromAnyPartOfTheHierarchyCancelsTheSiblings(Throwable fatal) {
		FatalTaskException ex = runBesideASleeper(annotatedTemplate(), fatal);
		assertThat(ex.getCause()).isSameAs(fatal);
		assertThat(ex.getResult().subtask(1).state()).isEqualTo(State.FATAL);
		assertThat(this.metrics.fatal(fatal.getClass())).isEqualTo(1);
	}

	@Test
	void subclassOfConfiguredFatalTypeCancelsTheSiblings() {
		ParallelTaskTemplate template = template(FatalErrorPolicy.of(List.of(UncheckedIOException.class)));
		ConfiguredSubclassException fatal = new ConfiguredSubclassException("configured");
		FatalTaskException ex = runBesideASleeper(template, fatal);
		assertThat(ex.getCause()).isSameAs(fatal);
	}

	@Test
	void configuredPolicyStillHonoursTheAnnotation() {
		ParallelTaskTemplate template = template(FatalErrorPolicy.of(List.of(UncheckedIOException.class)));
		FatalTestException fatal = new FatalTestException("annotated");
		assertThat(runBesideASleeper(template, fatal).getCause()).isSameAs(fatal);
	}

	static Stream<Function<Throwable, Throwable>> wrappers() {
		return Stream.of(CompletionException::new, ExecutionException::new, UndeclaredThrowableException::new,
				InvocationTargetException::new,
				(ex) -> new CompletionException(new ExecutionException(new InvocationTargetException(ex))));
	}

	@ParameterizedTest
	@MethodSource("wrappers")
	void wrappedFatalErrorIsUnwrappedForTheCallerAndTheMetrics(Function<Throwable, Throwable> wrapper) {
		FatalTestException fatal = new FatalTestException("wrapped");
		FatalTaskException ex = runBesideASleeper(annotatedTemplate(), wrapper.apply(fatal));
		assertThat(ex.getCause()).isSameAs(fatal);
		assertThat(ex.getResult().subtask(1).exception()).isSameAs(fatal);
		assertThat(this.metrics.fatal(FatalTestException.class)).isEqualTo(1);
	}

	@ParameterizedTest
	@MethodSource("wrappers")
	void wrappedToleratedErrorIsUnwrappedForTheCallerAndTheMetrics(Function<Throwable, Throwable> wrapper) {
		ThreadPoolExecutor pool = this.pools.fixed(2);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).metrics(this.metrics).build();
		IOException tolerated = new IOException("wrapped");
		Throwable thrown = wrapper.apply(tolerated);
		List<Callable<String>> tasks = List.of(() -> "ok", () -> {
			throw (Exception) thrown;
		});
		ParallelResult<String> result = template.invokeAll(tasks);
		assertThat(result.values()).containsExactly("ok");
		assertThat(result.failures()).singleElement()
			.satisfies((failure) -> assertThat(failure.exception()).isSameAs(tolerated));
		assertThat(this.metrics.tolerated(IOException.class)).isEqualTo(1);
		assertThat(this.metrics.tolerated(thrown.getClass())).isZero();
	}

	@Test
	void fatalErrorAsTheCauseOfAnotherExceptionIsTolerated() {
		ThreadPoolExecutor pool = this.pools.fixed(2);
		ParallelTaskTemplate template = ParallelTaskTemplate.builder(pool).build();
		ToleratedTestException tolerated = new ToleratedTestException("has a fatal cause");
		tolerated.initCause(new FatalTestException("cause"));
		List<Callable<String>> tasks = List.of(() -> "ok", () -> {
			throw tolerated;
		});
		ParallelResult<String> result = template.invokeAll(tasks);
		assertThat(result.values()).containsExactly("ok");
		assertThat(result.failures()).extracting(TaskFailure::exception).containsExactly(tolerated);
	}

	private FatalTaskException runBesideASleeper(ParallelTaskTemplate template, Throwable fatal) {
		CountDownLatch started = new CountDownLatch(1);
		List<Callable<String>> tasks = List.of(sleeper("sleeper", started, this.interrupted),
				throwingAfter(started, fatal));
		long start = System.nanoTime();
		FatalTaskException ex = catchThrowableOfType(FatalTaskException.class, () -> template.invokeAll(tasks));
		assertThat(since(start)).isLessThan(TestTasks.FAST);
		assertThat(ex.getResult().subtask(0).state()).isEqualTo(State.CANCELLED);
		assertThat(this.interrupted).containsExactly("sleeper");
		TestPools.awaitIdle((ThreadPoolExecutor) template.getExecutor());
		return ex;
	}

	private ParallelTaskTemplate annotatedTemplate() {
		return template(FatalErrorPolicy.annotated());
	}

	private ParallelTaskTemplate template(FatalErrorPolicy policy) {
		return ParallelTaskTemplate.builder(this.pools.fixed(2)).fatalErrorPolicy(policy).metrics(this.metrics).build();
	}

}
