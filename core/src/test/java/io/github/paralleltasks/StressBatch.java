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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.paralleltasks.StressTask.Kind;
import io.github.paralleltasks.metrics.BatchOutcome;

/**
 * A random batch of the stress test: its plan, made up front from the seeded random, and
 * what was observed when it ran.
 *
 * @author parallel-tasks authors
 */
final class StressBatch {

	/**
	 * How a batch is run.
	 */
	enum Mode {

		/** {@link ParallelTaskTemplate#invokeAll}. */
		INVOKE_ALL,

		/** {@link ParallelTaskTemplate#awaitAll} of {@code CompletableFuture}s. */
		AWAIT_ALL,

		/** {@link ParallelTaskTemplate#execute} with forks and a join. */
		SCOPE

	}

	/**
	 * How a scope is left.
	 */
	enum Exit {

		/** By its join. */
		JOIN,

		/** By returning without a join. */
		RETURN,

		/** By throwing without a join. */
		THROW

	}

	final String label;

	final Mode mode;

	final Exit exit;

	final String batchName;

	final Duration timeout;

	final List<StressTask> tasks = new ArrayList<>();

	volatile boolean ran;

	volatile List<Subtask<?>> subtasks = List.of();

	volatile ParallelResult<?> result;

	volatile Throwable thrown;

	private StressBatch(String label, Mode mode, Exit exit, String batchName, Duration timeout) {
		this.label = label;
		this.mode = mode;
		this.exit = exit;
		this.batchName = batchName;
		this.timeout = timeout;
	}

	/**
	 * Plan a random batch.
	 * @param random the seeded random
	 * @param context what the tasks share
	 * @param label the label of the batch in reports
	 * @param nested whether the batch is nested in a task of another batch
	 * @return the batch
	 */
	static StressBatch plan(Random random, StressContext context, String label, boolean nested) {
		int roll = random.nextInt(100);
		Mode mode = (roll < 50 || (nested && roll >= 80)) ? Mode.INVOKE_ALL
				: ((roll < 80) ? Mode.SCOPE : Mode.AWAIT_ALL);
		roll = random.nextInt(100);
		Exit exit = (mode != Mode.SCOPE || roll < 75) ? Exit.JOIN : ((roll < 90) ? Exit.RETURN : Exit.THROW);
		String batchName = (random.nextInt(10) < 3) ? "stress-" + random.nextInt(3) : null;
		Duration timeout = (random.nextInt(4) == 0) ? Duration.ofNanos(micros(200 + random.nextInt(3000))) : null;
		StressBatch batch = new StressBatch(label, mode, exit, batchName, timeout);
		int size = 1 + random.nextInt(nested ? 4 : 16);
		for (int i = 0; i < size; i++) {
			boolean async = mode == Mode.AWAIT_ALL || (mode == Mode.SCOPE && random.nextInt(4) == 0);
			batch.tasks.add(planTask(random, context, label + "." + i, async, batch, nested));
		}
		return batch;
	}

	private static StressTask planTask(Random random, StressContext context, String label, boolean async,
			StressBatch batch, boolean nested) {
		int roll = random.nextInt(100);
		Kind kind;
		if (async) {
			kind = (roll < 35) ? Kind.IMMEDIATE : (roll < 65) ? Kind.PARK
					: (roll < 75) ? Kind.LATCH_WAIT : (roll < 90) ? Kind.TOLERATED : Kind.FATAL;
		}
		else {
			kind = (roll < 25) ? Kind.IMMEDIATE
					: (roll < 45) ? Kind.PARK
							: (roll < 55) ? Kind.LATCH_WAIT
									: (roll < 70) ? Kind.TOLERATED : (roll < 75) ? Kind.FATAL
											: (roll < 82) ? Kind.IGNORE_INTERRUPTS : (roll < 92)
													? ((batch.timeout != null) ? Kind.LONG_BLOCK : Kind.IMMEDIATE)
													: (nested ? Kind.PARK : Kind.NESTED);
		}
		long waitNanos = switch (kind) {
			case IMMEDIATE, LONG_BLOCK, NESTED -> 0L;
			case TOLERATED, FATAL -> random.nextBoolean() ? 0L : micros(5 + random.nextInt(300));
			case IGNORE_INTERRUPTS -> micros(50 + random.nextInt(950));
			default -> micros(5 + random.nextInt(1000));
		};
		String name = (batch.mode != Mode.AWAIT_ALL && random.nextBoolean()) ? "k-" + kind : null;
		boolean variant = random.nextBoolean();
		StressBatch inner = (kind == Kind.NESTED) ? plan(random, context, label + "/n", true) : null;
		return new StressTask(context, label, kind, async, name, waitNanos, variant, inner);
	}

	private static long micros(int micros) {
		return TimeUnit.MICROSECONDS.toNanos(micros);
	}

	/**
	 * Run the batch on the given template, and record how it ended.
	 * @param template the template
	 */
	void run(ParallelTaskTemplate template) {
		this.ran = true;
		ParallelTaskTemplate named = (this.batchName != null) ? template.batch(this.batchName) : template;
		try {
			switch (this.mode) {
				case INVOKE_ALL -> invokeAll(named);
				case AWAIT_ALL -> awaitAll(named);
				case SCOPE -> execute(named);
			}
		}
		catch (Throwable ex) {
			this.thrown = ex;
			if (ex instanceof ParallelTaskException parallel) {
				this.result = parallel.getResult();
			}
		}
		if (this.mode != Mode.SCOPE && this.result != null) {
			this.subtasks = new ArrayList<>(this.result.subtasks());
		}
	}

	/**
	 * Run the batch as a nested batch, in a task of another batch, and pass on how it
	 * ended.
	 * @param template the template
	 * @param rethrowFatalCause whether to throw the cause of a {@link FatalTaskException}
	 * rather than the exception itself
	 * @return a value
	 * @throws Exception what ended the batch
	 */
	Object runNested(ParallelTaskTemplate template, boolean rethrowFatalCause) throws Exception {
		run(template);
		Throwable ex = this.thrown;
		if (ex == null) {
			return this.label + "-nested";
		}
		if (rethrowFatalCause && ex instanceof FatalTaskException fatal
				&& fatal.getCause() instanceof RuntimeException cause) {
			throw cause;
		}
		if (ex instanceof Exception exception) {
			throw exception;
		}
		throw (Error) ex;
	}

	private void invokeAll(ParallelTaskTemplate template) {
		List<Callable<Object>> callables = new ArrayList<>();
		this.tasks.forEach((task) -> callables.add(task.callable()));
		this.result = (this.timeout != null) ? template.invokeAll(callables, this.timeout)
				: template.invokeAll(callables);
	}

	private void awaitAll(ParallelTaskTemplate template) {
		List<AsyncCall<Object>> calls = new ArrayList<>();
		this.tasks.forEach((task) -> calls.add(task::start));
		this.result = (this.timeout != null) ? template.awaitAll(calls, this.timeout) : template.awaitAll(calls);
	}

	private void execute(ParallelTaskTemplate template) {
		List<Subtask<?>> forked = new ArrayList<>();
		this.subtasks = forked;
		ParallelScopeCallback<Object, RuntimeException> callback = (scope) -> {
			for (StressTask task : this.tasks) {
				if (task.async) {
					forked.add(scope.forkAsync(task.name, task::start));
				}
				else {
					forked.add((task.name != null) ? scope.fork(task.name, task) : scope.fork(task));
				}
			}
			if (this.exit == Exit.RETURN) {
				return null;
			}
			if (this.exit == Exit.THROW) {
				throw new IllegalStateException("Leaving " + this.label + " without a join");
			}
			return scope.join();
		};
		Object value = (this.timeout != null) ? template.execute(this.timeout, callback) : template.execute(callback);
		this.result = (value instanceof ParallelResult<?> joined) ? joined : null;
	}

	/**
	 * Return whether the batch was opened: a batch is not when the thread that runs it
	 * was interrupted first.
	 */
	boolean opened() {
		return this.ran && this.subtasks.size() == this.tasks.size();
	}

	/**
	 * Return the outcome that the batch must have recorded, from what it returned or
	 * threw, or {@code null} if it threw something unexpected.
	 */
	BatchOutcome expectedOutcome() {
		Throwable ex = this.thrown;
		if (this.exit == Exit.RETURN) {
			// A scope left without a join still reports a fatal error that happened
			return (ex == null) ? BatchOutcome.CANCELLED
					: ((ex instanceof FatalTaskException) ? BatchOutcome.FATAL : null);
		}
		if (this.exit == Exit.THROW) {
			if (!(ex instanceof IllegalStateException) || !ex.getMessage().startsWith("Leaving")) {
				return null;
			}
			boolean fatal = List.of(ex.getSuppressed()).stream().anyMatch(FatalTaskException.class::isInstance);
			return fatal ? BatchOutcome.FATAL : BatchOutcome.CANCELLED;
		}
		if (ex == null) {
			boolean complete = this.subtasks.stream().allMatch((s) -> s.state() == Subtask.State.SUCCESS);
			return complete ? BatchOutcome.SUCCESS : BatchOutcome.PARTIAL;
		}
		if (ex instanceof FatalTaskException) {
			return BatchOutcome.FATAL;
		}
		if (ex instanceof ParallelTimeoutException) {
			return BatchOutcome.TIMEOUT;
		}
		return (ex instanceof ParallelInterruptedException) ? BatchOutcome.CANCELLED : null;
	}

	@Override
	public String toString() {
		return this.label + "[" + this.mode + ", exit " + this.exit + ", name " + this.batchName + ", timeout "
				+ this.timeout + ", tasks " + this.tasks + "]";
	}

}
