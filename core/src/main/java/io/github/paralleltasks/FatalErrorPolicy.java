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

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Decides whether an exception thrown by a task is fatal to its batch or tolerated. The
 * rules are documented on {@link FatalError}.
 *
 * <p>
 * The decision for each exception class is computed once and cached, so that classifying
 * an exception on the hot path costs a lookup.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 * @see FatalError
 */
public final class FatalErrorPolicy {

	private static final FatalErrorPolicy ANNOTATED_ONLY = new FatalErrorPolicy(List.of());

	private final List<Class<? extends Throwable>> fatalTypes;

	private final ClassValue<Boolean> decisions = new ClassValue<>() {

		@Override
		protected Boolean computeValue(Class<?> type) {
			return decide(type);
		}

	};

	private FatalErrorPolicy(Collection<? extends Class<? extends Throwable>> fatalTypes) {
		this.fatalTypes = List.copyOf(fatalTypes);
	}

	/**
	 * Return a policy under which an exception is fatal only when it is a
	 * {@link VirtualMachineError} or its type carries {@link FatalError}.
	 * @return the policy
	 */
	public static FatalErrorPolicy annotated() {
		return ANNOTATED_ONLY;
	}

	/**
	 * Return a policy under which an exception is also fatal when it is an instance of
	 * one of the given types. Any collection of exception types will do, a
	 * {@code List<Class<? extends Exception>>} for instance.
	 * @param fatalTypes the types whose instances are fatal
	 * @return the policy
	 */
	public static FatalErrorPolicy of(Collection<? extends Class<? extends Throwable>> fatalTypes) {
		Objects.requireNonNull(fatalTypes, "Fatal types must not be null");
		int index = 0;
		for (Class<? extends Throwable> type : fatalTypes) {
			Objects.requireNonNull(type, "Fatal type at index " + index + " must not be null");
			index++;
		}
		return fatalTypes.isEmpty() ? ANNOTATED_ONLY : new FatalErrorPolicy(fatalTypes);
	}

	/**
	 * Return the types configured as fatal besides the annotated ones.
	 * @return the configured types, never {@code null}
	 */
	public List<Class<? extends Throwable>> getFatalTypes() {
		return this.fatalTypes;
	}

	/**
	 * Return whether the given exception, once {@linkplain #unwrap(Throwable) unwrapped},
	 * is fatal.
	 * @param exception the exception a task threw
	 * @return {@code true} if the exception is fatal to its batch
	 */
	public boolean isFatal(Throwable exception) {
		Objects.requireNonNull(exception, "Exception must not be null");
		Throwable candidate = unwrap(exception);
		// A nested batch's fatal error is judged by this policy, on what the nested
		// batch met
		while (candidate instanceof FatalTaskException && candidate.getCause() != null) {
			candidate = unwrap(candidate.getCause());
		}
		return this.decisions.get(candidate.getClass());
	}

	/**
	 * Unwrap {@code CompletionException}, {@code ExecutionException},
	 * {@code UndeclaredThrowableException} and {@code InvocationTargetException} down to
	 * the first cause that is not one of them. A wrapper without a cause is returned as
	 * it is.
	 * @param exception the exception to unwrap
	 * @return the unwrapped exception
	 */
	public static Throwable unwrap(Throwable exception) {
		Throwable current = exception;
		while (isWrapper(current)) {
			Throwable cause = current.getCause();
			if (cause == null || cause == current) {
				return current;
			}
			current = cause;
		}
		return current;
	}

	private static boolean isWrapper(Throwable exception) {
		return exception instanceof CompletionException || exception instanceof ExecutionException
				|| exception instanceof UndeclaredThrowableException || exception instanceof InvocationTargetException;
	}

	private boolean decide(Class<?> type) {
		if (VirtualMachineError.class.isAssignableFrom(type)) {
			return true;
		}
		for (Class<? extends Throwable> fatalType : this.fatalTypes) {
			if (fatalType.isAssignableFrom(type)) {
				return true;
			}
		}
		return isAnnotatedInHierarchy(type);
	}

	private static boolean isAnnotatedInHierarchy(Class<?> type) {
		Deque<Class<?>> pending = new ArrayDeque<>();
		Set<Class<?>> seen = new HashSet<>();
		pending.add(type);
		while (!pending.isEmpty()) {
			Class<?> candidate = pending.poll();
			if (!seen.add(candidate)) {
				continue;
			}
			if (isAnnotated(candidate, new HashSet<>())) {
				return true;
			}
			if (candidate.getSuperclass() != null) {
				pending.add(candidate.getSuperclass());
			}
			pending.addAll(List.of(candidate.getInterfaces()));
		}
		return false;
	}

	private static boolean isAnnotated(Class<?> element, Set<Class<?>> visitedAnnotations) {
		if (element.isAnnotationPresent(FatalError.class)) {
			return true;
		}
		for (Annotation annotation : element.getDeclaredAnnotations()) {
			Class<? extends Annotation> annotationType = annotation.annotationType();
			if (!annotationType.getName().startsWith("java.lang.annotation.") && visitedAnnotations.add(annotationType)
					&& isAnnotated(annotationType, visitedAnnotations)) {
				return true;
			}
		}
		return false;
	}

}
