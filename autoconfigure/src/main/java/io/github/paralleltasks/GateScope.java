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

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.UndeclaredThrowableException;

import org.jspecify.annotations.Nullable;

/**
 * The current gate of a virtual thread on Java 25 and later, bound to a
 * {@code java.lang.ScopedValue} rather than set in a {@link ThreadLocal}: the first
 * {@code ThreadLocal} that a new virtual thread touches creates its thread-local map
 * (about 135 B, with a weak reference that each garbage collection processes), and a
 * virtual thread that runs one task is always new. A binding costs three small objects
 * (the carrier, the snapshot of bindings, the work) and no weak reference, and the
 * binding is read only when the task's code asks for its gate. Platform threads, which a
 * pool reuses and whose map exists already, keep the {@code ThreadLocal}; so do virtual
 * threads before Java 25, where {@code ScopedValue} is a preview API. The library
 * compiles for Java 17, so {@code ScopedValue} is reached through method handles looked
 * up once; where they are missing, {@link #AVAILABLE} is {@code false} and this class is
 * not used.
 * <p>
 * A binding is seen by the threads that a {@code StructuredTaskScope} forks in it as
 * well, where a {@code ThreadLocal} is not: {@link CancelGate#current()} therefore
 * returns a bound gate only on the gate's runner.
 *
 * @author parallel-tasks authors
 */
final class GateScope {

	/** Whether {@code ScopedValue} may be used: Java 25 or later, handles found. */
	static final boolean AVAILABLE;

	private static final MethodType WHERE_TYPE = MethodType.methodType(Object.class, Object.class, Object.class);

	private static final MethodType RUN_TYPE = MethodType.methodType(void.class, Object.class, Runnable.class);

	private static final MethodType IS_BOUND_TYPE = MethodType.methodType(boolean.class, Object.class);

	private static final MethodType GET_TYPE = MethodType.methodType(Object.class, Object.class);

	/** The {@code ScopedValue<CancelGate>}; a plain object where it is not available. */
	private static final Object KEY;

	/** {@code ScopedValue.where}, of type {@code WHERE_TYPE}. */
	private static final MethodHandle WHERE;

	/** {@code ScopedValue.Carrier.run}, of type {@code RUN_TYPE}. */
	private static final MethodHandle RUN;

	/** {@code ScopedValue.isBound}, of type {@code IS_BOUND_TYPE}. */
	private static final MethodHandle IS_BOUND;

	/** {@code ScopedValue.get}, of type {@code GET_TYPE}. */
	private static final MethodHandle GET;

	static {
		Object key = new Object();
		MethodHandle where = unavailable(WHERE_TYPE);
		MethodHandle run = unavailable(RUN_TYPE);
		MethodHandle isBound = unavailable(IS_BOUND_TYPE);
		MethodHandle get = unavailable(GET_TYPE);
		boolean available = false;
		if (Runtime.version().feature() >= 25) {
			try {
				MethodHandles.Lookup lookup = MethodHandles.publicLookup();
				Class<?> scopedValue = Class.forName("java.lang.ScopedValue");
				Class<?> carrier = Class.forName("java.lang.ScopedValue$Carrier");
				key = lookup.findStatic(scopedValue, "newInstance", MethodType.methodType(scopedValue)).invoke();
				where = lookup
					.findStatic(scopedValue, "where", MethodType.methodType(carrier, scopedValue, Object.class))
					.asType(WHERE_TYPE);
				run = lookup.findVirtual(carrier, "run", MethodType.methodType(void.class, Runnable.class))
					.asType(RUN_TYPE);
				isBound = lookup.findVirtual(scopedValue, "isBound", MethodType.methodType(boolean.class))
					.asType(IS_BOUND_TYPE);
				get = lookup.findVirtual(scopedValue, "get", MethodType.methodType(Object.class)).asType(GET_TYPE);
				available = true;
			}
			catch (Throwable ex) {
				// Not there after all: the ThreadLocal serves every thread
				available = false;
			}
		}
		AVAILABLE = available;
		KEY = key;
		WHERE = where;
		RUN = run;
		IS_BOUND = isBound;
		GET = get;
	}

	private GateScope() {
	}

	private static MethodHandle unavailable(MethodType type) {
		MethodHandle thrower = MethodHandles.throwException(type.returnType(), UnsupportedOperationException.class)
			.bindTo(new UnsupportedOperationException("ScopedValue is not available"));
		return MethodHandles.dropArguments(thrower, 0, type.parameterList());
	}

	/**
	 * Run {@link CancelGate#runWork()} of the given gate with the gate bound, and unbind
	 * it after, whatever happens; only when {@link #AVAILABLE}. The work is handed over
	 * as a new {@code Runnable}, not found by reading the binding: the first read on a
	 * thread creates its cache of scoped values, as big as a thread-local map.
	 */
	static void run(CancelGate gate) {
		Runnable work = gate::runWork;
		try {
			Object carrier = (Object) WHERE.invokeExact(KEY, (Object) gate);
			RUN.invokeExact(carrier, work);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			// Runnable.run throws nothing checked
			throw new UndeclaredThrowableException(ex);
		}
	}

	/**
	 * Return the gate bound on the current thread, or {@code null}; only when
	 * {@link #AVAILABLE}.
	 */
	static @Nullable CancelGate bound() {
		try {
			return (boolean) IS_BOUND.invokeExact(KEY) ? (CancelGate) (Object) GET.invokeExact(KEY) : null;
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new UndeclaredThrowableException(ex);
		}
	}

}
