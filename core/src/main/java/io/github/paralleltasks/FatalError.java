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

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an exception type as fatal to the batch of parallel tasks that meets it: on the
 * first fatal error, no queued sibling starts, every running sibling is interrupted, and
 * the batch throws a {@link FatalTaskException} as soon as the siblings have ended.
 *
 * <p>
 * An exception is fatal when any of the following holds, checked by
 * {@link FatalErrorPolicy#isFatal(Throwable)} in this order:
 * <ol>
 * <li>it is a {@link VirtualMachineError} (always fatal, whatever else is
 * configured);</li>
 * <li>its class, one of its superclasses, or one of the interfaces they implement (at any
 * depth) carries {@code @FatalError}, directly or as a meta-annotation on an annotation
 * that it carries;</li>
 * <li>its class is assignable to one of the types configured in the policy, for example
 * through the {@code parallel-tasks.fatal-exceptions} property.</li>
 * </ol>
 * Every other exception is tolerated: it is logged, counted and recorded in
 * {@link ParallelResult#failures()}, and the siblings go on.
 *
 * <p>
 * Before an exception is classified, the wrappers {@code CompletionException},
 * {@code ExecutionException}, {@code UndeclaredThrowableException} and
 * {@code InvocationTargetException} are unwrapped down to their first cause that is not
 * one of them; that cause is what the caller and the metrics see. The causes of the
 * unwrapped exception are not searched: an exception is fatal for what it is, not for
 * what it wraps. The one exception is a {@link FatalTaskException} thrown by a batch that
 * a task ran: it is judged by the cause that ended that nested batch, so that a nested
 * batch's fatal error is fatal to the enclosing batch exactly when the enclosing batch's
 * policy says so.
 *
 * <p>
 * This is how a task of {@link Criticality#BY_POLICY} is judged, the default. A task made
 * with {@link ParallelTask#critical} or {@link ParallelCall#critical} is fatal whatever
 * it throws, and one made with {@link ParallelTask#optional} or
 * {@link ParallelCall#optional} never, but for a {@link VirtualMachineError}; a task that
 * stops because its batch was cancelled is cancelled, whatever it is ({@link Criticality}
 * gives the whole precedence).
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 * @see FatalErrorPolicy
 */
@Target({ ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface FatalError {

}
