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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Tests of {@link FatalErrorPolicy}.
 *
 * @author parallel-tasks authors
 */
class FatalErrorPolicyTests {

	private final FatalErrorPolicy annotated = FatalErrorPolicy.annotated();

	private final FatalErrorPolicy configured = FatalErrorPolicy.of(List.of(UncheckedIOException.class));

	static Stream<Throwable> fatalByAnnotation() {
		return Stream.of(new FatalTestException("annotated class"),
				new SubclassOfFatalException("annotated superclass"), new MarkedFatalException("annotated interface"),
				new SubclassOfMarkedException("annotated interface of the superclass"),
				new ExtendedMarkerException("annotated superinterface"),
				new MetaAnnotatedException("meta-annotated class"),
				new SubclassOfMetaAnnotatedException("meta-annotated superclass"),
				new DeeplyMetaAnnotatedException("meta-meta-annotated class"));
	}

	static Stream<Throwable> tolerated() {
		return Stream.of(new ToleratedTestException("plain"), new IllegalStateException("state"), new IOException("io"),
				new InterruptedException("interrupted"), new CancellationException("cancelled"),
				new AssertionError("assertion"), new RuntimeException(new FatalTestException("cause only")));
	}

	static Stream<Throwable> virtualMachineErrors() {
		return Stream.of(new StackOverflowError(), new OutOfMemoryError("heap"), new InternalError("jvm"));
	}

	@ParameterizedTest
	@MethodSource("fatalByAnnotation")
	void exceptionWhoseTypeCarriesFatalErrorInItsHierarchyIsFatal(Throwable exception) {
		assertThat(this.annotated.isFatal(exception)).isTrue();
		assertThat(this.configured.isFatal(exception)).isTrue();
	}

	@ParameterizedTest
	@MethodSource("tolerated")
	void exceptionWithoutFatalErrorIsTolerated(Throwable exception) {
		assertThat(this.annotated.isFatal(exception)).isFalse();
		assertThat(this.configured.isFatal(exception)).isFalse();
	}

	@ParameterizedTest
	@MethodSource("virtualMachineErrors")
	void virtualMachineErrorIsAlwaysFatal(Throwable error) {
		assertThat(this.annotated.isFatal(error)).isTrue();
		assertThat(this.configured.isFatal(error)).isTrue();
	}

	@Test
	void configuredTypeAndItsSubclassesAreFatal() {
		assertThat(this.configured.isFatal(new UncheckedIOException(new IOException("io")))).isTrue();
		assertThat(this.configured.isFatal(new ConfiguredSubclassException("subclass"))).isTrue();
		assertThat(this.annotated.isFatal(new ConfiguredSubclassException("subclass"))).isFalse();
	}

	@Test
	void superclassOfConfiguredTypeIsNotFatal() {
		assertThat(this.configured.isFatal(new RuntimeException("superclass"))).isFalse();
	}

	@Test
	void configuredTypesAreExposedAndEmptyConfigurationIsTheAnnotatedPolicy() {
		assertThat(this.configured.getFatalTypes()).containsExactly(UncheckedIOException.class);
		assertThat(this.annotated.getFatalTypes()).isEmpty();
		assertThat(FatalErrorPolicy.of(List.of())).isSameAs(FatalErrorPolicy.annotated());
	}

	@Test
	void configuredTypesAreCopied() {
		List<Class<? extends Throwable>> types = new ArrayList<>(List.of(IllegalStateException.class));
		FatalErrorPolicy policy = FatalErrorPolicy.of(types);
		types.add(IllegalArgumentException.class);
		assertThat(policy.isFatal(new IllegalArgumentException("added later"))).isFalse();
		assertThat(policy.getFatalTypes()).containsExactly(IllegalStateException.class);
	}

	@Test
	void listOfExceptionTypesIsAccepted() {
		List<Class<? extends Exception>> types = List.of(IllegalStateException.class);
		FatalErrorPolicy policy = FatalErrorPolicy.of(types);
		assertThat(policy.isFatal(new IllegalStateException("configured"))).isTrue();
		assertThat(policy.isFatal(new IllegalArgumentException("not configured"))).isFalse();
	}

	@Test
	void nullConfigurationIsRejected() {
		assertThatNullPointerException().isThrownBy(() -> FatalErrorPolicy.of(null))
			.withMessageContaining("Fatal types");
		assertThatNullPointerException()
			.isThrownBy(() -> FatalErrorPolicy.of(Arrays.asList(IllegalStateException.class, null)))
			.withMessageContaining("index 1");
		assertThatNullPointerException().isThrownBy(() -> this.annotated.isFatal(null));
	}

	@Test
	void decisionCachedForAClassDecidesNeitherForItsSubclassesNorForOtherPolicies() {
		// Each decision is cached by class: asked first, the superclass must not decide
		// for its subclasses, a subclass not for its superclass, and one policy not for
		// another
		assertThat(this.annotated.isFatal(new ToleratedTestException("tolerated first"))).isFalse();
		assertThat(this.annotated.isFatal(new FatalSubclassOfToleratedException("annotated subclass"))).isTrue();
		assertThat(this.annotated.isFatal(new SubclassOfFatalException("subclass first"))).isTrue();
		assertThat(this.annotated.isFatal(new RuntimeException("superclass of both"))).isFalse();
		assertThat(this.annotated.isFatal(new ConfiguredSubclassException("annotated policy first"))).isFalse();
		assertThat(this.configured.isFatal(new ConfiguredSubclassException("configured policy"))).isTrue();
		assertThat(FatalErrorPolicy.of(List.of(ToleratedTestException.class))
			.isFatal(new ToleratedTestException("fatal to a third policy"))).isTrue();
		assertThat(this.annotated.isFatal(new ToleratedTestException("asked again"))).isFalse();
	}

	@Test
	void nestedBatchFailuresOfTheSameClassAreJudgedEachByItsOwnCause() {
		// Both are FatalTaskExceptions: the decision must follow the cause, not be cached
		// for the class of the wrapper
		FatalTaskException fatalCause = new FatalTaskException("child", new FatalTestException("fatal"),
				ParallelResult.empty());
		FatalTaskException toleratedCause = new FatalTaskException("child", new IllegalStateException("tolerated"),
				ParallelResult.empty());
		assertThat(this.annotated.isFatal(fatalCause)).isTrue();
		assertThat(this.annotated.isFatal(toleratedCause)).isFalse();
		assertThat(this.annotated.isFatal(new CompletionException(toleratedCause))).isFalse();
		assertThat(this.annotated.isFatal(new CompletionException(fatalCause))).isTrue();
	}

	static Stream<Throwable> wrappers() {
		FatalTestException fatal = new FatalTestException("wrapped");
		return Stream.of(new CompletionException(fatal), new ExecutionException(fatal),
				new UndeclaredThrowableException(fatal), new InvocationTargetException(fatal),
				new ExecutionException(new CompletionException(
						new InvocationTargetException(new UndeclaredThrowableException(fatal)))));
	}

	/**
	 * Fatal, though its superclass is tolerated.
	 */
	@FatalError
	static class FatalSubclassOfToleratedException extends ToleratedTestException {

		FatalSubclassOfToleratedException(String message) {
			super(message);
		}

	}

	@ParameterizedTest
	@MethodSource("wrappers")
	void wrappersAreUnwrappedDownToTheFirstOtherCause(Throwable wrapper) {
		Throwable unwrapped = FatalErrorPolicy.unwrap(wrapper);
		assertThat(unwrapped).isInstanceOf(FatalTestException.class).hasMessage("wrapped");
		assertThat(this.annotated.isFatal(wrapper)).isTrue();
	}

	@Test
	void wrappedToleratedExceptionIsTolerated() {
		IOException io = new IOException("io");
		assertThat(FatalErrorPolicy.unwrap(new ExecutionException(io))).isSameAs(io);
		assertThat(this.annotated.isFatal(new ExecutionException(io))).isFalse();
	}

	@Test
	void wrappedVirtualMachineErrorIsFatal() {
		StackOverflowError error = new StackOverflowError();
		assertThat(this.annotated.isFatal(new CompletionException(error))).isTrue();
		assertThat(FatalErrorPolicy.unwrap(new CompletionException(error))).isSameAs(error);
	}

	@Test
	void wrapperWithoutCauseIsReturnedAsItIs() {
		ExecutionException wrapper = new ExecutionException("no cause", null);
		assertThat(FatalErrorPolicy.unwrap(wrapper)).isSameAs(wrapper);
		assertThat(this.annotated.isFatal(wrapper)).isFalse();
	}

	@Test
	void causeOfAnExceptionThatIsNotAWrapperIsNotUnwrapped() {
		RuntimeException notAWrapper = new RuntimeException(new FatalTestException("cause"));
		assertThat(FatalErrorPolicy.unwrap(notAWrapper)).isSameAs(notAWrapper);
		assertThat(FatalErrorPolicy.unwrap(new ExecutionException(notAWrapper))).isSameAs(notAWrapper);
	}

	@Test
	void unwrappingStopsAtAWrapperThatIsItsOwnCause() {
		CompletionException selfCaused = new CompletionException("self", null) {

			@Override
			public synchronized Throwable getCause() {
				return this;
			}

		};
		assertThat(FatalErrorPolicy.unwrap(selfCaused)).isSameAs(selfCaused);
	}

}
