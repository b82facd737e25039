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

import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exception types, fatal in each of the ways that {@link FatalError} documents, or
 * tolerated. {@link FatalTestException} is the fatal error of the tests of every package.
 *
 * @author parallel-tasks authors
 */
public final class TestExceptions {

	private TestExceptions() {
	}

	/**
	 * Fatal: its class carries {@code @FatalError}.
	 */
	@FatalError
	public static class FatalTestException extends RuntimeException {

		/**
		 * Create a new {@code FatalTestException}.
		 * @param message the detail message
		 */
		public FatalTestException(String message) {
			super(message);
		}

	}

	/**
	 * Fatal: its superclass carries {@code @FatalError}, which is {@code @Inherited}.
	 */
	static class SubclassOfFatalException extends FatalTestException {

		SubclassOfFatalException(String message) {
			super(message);
		}

	}

	/**
	 * A marker interface that carries {@code @FatalError}.
	 */
	@FatalError
	interface FatalMarker {

	}

	/**
	 * An interface that extends a fatal marker.
	 */
	interface ExtendedFatalMarker extends FatalMarker {

	}

	/**
	 * Fatal: it implements an annotated interface.
	 */
	static class MarkedFatalException extends RuntimeException implements FatalMarker {

		MarkedFatalException(String message) {
			super(message);
		}

	}

	/**
	 * Fatal: its superclass implements an annotated interface.
	 */
	static class SubclassOfMarkedException extends MarkedFatalException {

		SubclassOfMarkedException(String message) {
			super(message);
		}

	}

	/**
	 * Fatal, and checked: it implements an interface that extends an annotated one.
	 */
	static class ExtendedMarkerException extends Exception implements ExtendedFatalMarker {

		ExtendedMarkerException(String message) {
			super(message);
		}

	}

	/**
	 * An annotation meta-annotated with {@code @FatalError}.
	 */
	@Retention(RetentionPolicy.RUNTIME)
	@Target({ ElementType.TYPE, ElementType.ANNOTATION_TYPE })
	@FatalError
	@interface BusinessFatal {

	}

	/**
	 * An annotation meta-annotated with an annotation meta-annotated with
	 * {@code @FatalError}.
	 */
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.TYPE)
	@BusinessFatal
	@interface PaymentFatal {

	}

	/**
	 * Fatal: its class carries a meta-annotation of {@code @FatalError}.
	 */
	@BusinessFatal
	static class MetaAnnotatedException extends RuntimeException {

		MetaAnnotatedException(String message) {
			super(message);
		}

	}

	/**
	 * Fatal: its superclass carries a meta-annotation of {@code @FatalError}.
	 */
	static class SubclassOfMetaAnnotatedException extends MetaAnnotatedException {

		SubclassOfMetaAnnotatedException(String message) {
			super(message);
		}

	}

	/**
	 * Fatal: its class carries an annotation that is meta-annotated twice removed.
	 */
	@PaymentFatal
	static class DeeplyMetaAnnotatedException extends RuntimeException {

		DeeplyMetaAnnotatedException(String message) {
			super(message);
		}

	}

	/**
	 * Fatal under a policy configured with {@link UncheckedIOException}.
	 */
	static class ConfiguredSubclassException extends UncheckedIOException {

		ConfiguredSubclassException(String message) {
			super(message, new java.io.IOException(message));
		}

	}

	/**
	 * Tolerated: nothing makes it fatal.
	 */
	static class ToleratedTestException extends RuntimeException {

		ToleratedTestException(String message) {
			super(message);
		}

	}

}
