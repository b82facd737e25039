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

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;

import io.github.paralleltasks.Subtask.State;
import io.github.paralleltasks.metrics.BatchOutcome;

/**
 * Checks a batch of the stress test, once it has returned or thrown, against the ledger
 * of its tasks, and adds up the metrics that it must have recorded.
 *
 * @author parallel-tasks authors
 */
final class StressChecker {

	private final FatalErrorPolicy policy;

	final List<String> problems = new ArrayList<>();

	long tolerated;

	long fatal;

	/** Tasks that the batch prevented from starting. */
	long neverStarted;

	/** Asynchronous calls whose future the batch cancelled. */
	long futuresCancelled;

	/**
	 * Asynchronous calls that threw from their supplier in a batch that was cancelled:
	 * the batch may have cancelled them while the supplier ran, which leaves no trace but
	 * the count.
	 */
	long maybeCancelled;

	final long[] outcomes = new long[BatchOutcome.values().length];

	/** Tasks of each kind that ended in each state, to show what the test exercised. */
	final long[][] kindStates = new long[StressTask.Kind.values().length][State.values().length];

	StressChecker(FatalErrorPolicy policy) {
		this.policy = policy;
	}

	/**
	 * Check a batch and the batches nested in its tasks.
	 * @param batch the batch, which has returned or thrown
	 */
	void check(StressBatch batch) {
		if (!batch.ran) {
			return;
		}
		if (!batch.opened()) {
			expect(batch.thrown instanceof ParallelInterruptedException, batch,
					"was not opened but threw " + batch.thrown);
			batch.tasks.forEach((task) -> expect(task.started.get() == 0, batch, task + " started"));
			return;
		}
		BatchOutcome outcome = batch.expectedOutcome();
		if (outcome == null) {
			problem(batch, "ended unexpectedly with " + batch.thrown);
			return;
		}
		this.outcomes[outcome.ordinal()]++;
		boolean cancelled = outcome != BatchOutcome.SUCCESS && outcome != BatchOutcome.PARTIAL;
		Set<Throwable> fatalErrors = Collections.newSetFromMap(new IdentityHashMap<>());
		for (int i = 0; i < batch.tasks.size(); i++) {
			StressTask task = batch.tasks.get(i);
			Subtask<?> subtask = batch.subtasks.get(i);
			checkTask(batch, task, subtask, i, cancelled);
			if (subtask.state() == State.FATAL) {
				fatalErrors.add(subtask.exception());
			}
			if (task.nested != null && task.started.get() == 1) {
				check(task.nested);
			}
		}
		if (batch.result != null && batch.result.size() == batch.tasks.size()) {
			for (int i = 0; i < batch.tasks.size(); i++) {
				expect(batch.result.subtask(i) == batch.subtasks.get(i), batch, "result differs from forks at " + i);
			}
		}
		checkOutcome(batch, outcome, fatalErrors);
	}

	private void checkTask(StressBatch batch, StressTask task, Subtask<?> subtask, int index, boolean cancelled) {
		int started = task.started.get();
		State state = subtask.state();
		this.kindStates[task.kind.ordinal()][state.ordinal()]++;
		expect(subtask.index() == index, batch, task + " has index " + subtask.index());
		String name = (task.name != null) ? task.name : "task-" + index;
		expect(name.equals(subtask.name()), batch, task + " is named " + subtask.name());
		expect(started <= 1, batch, task + " started " + started + " times");
		if (!task.async) {
			expect(task.ended.get() == started, batch, task + " was still running when its batch returned");
		}
		else if (started == 1 && task.future != null) {
			expect(task.future.isDone(), batch, task + " has a future still running when its batch returned");
		}
		if (started == 0) {
			this.neverStarted++;
		}
		if (task.cancelCalled.get()) {
			this.futuresCancelled++;
		}
		if (task.async && started == 1 && task.future == null && cancelled) {
			this.maybeCancelled++;
		}
		Throwable thrown = task.deliveredFailure();
		if (thrown != null && this.policy.isFatal(thrown)) {
			expect(state == State.FATAL, batch, task + " threw a fatal " + thrown + " but is " + state);
		}
		if (!task.async && started == 1 && thrown == null) {
			expect(state == State.SUCCESS, batch, task + " returned but is " + state);
		}
		switch (state) {
			case SUCCESS -> {
				expect(started == 1 && subtask.get() == task.returned, batch, task + " succeeded with a value "
						+ subtask.get() + " that it did not return (" + task.returned + ")");
				expect(thrown == null, batch, task + " succeeded but threw " + thrown);
			}
			case FAILED -> {
				this.tolerated++;
				expect(thrown != null && !this.policy.isFatal(thrown), batch,
						task + " failed but threw no tolerated exception: " + thrown);
				expect(thrown != null && subtask.exception() == FatalErrorPolicy.unwrap(thrown), batch,
						task + " failed with " + subtask.exception() + " but threw " + thrown);
			}
			case FATAL -> {
				this.fatal++;
				expect(thrown != null && subtask.exception() == thrown && this.policy.isFatal(thrown), batch,
						task + " is fatal with " + subtask.exception() + " but threw " + thrown);
			}
			case CANCELLED -> {
				expect(started == 0 || cancelled, batch, task + " was cancelled in a batch that was not");
				Throwable exception = subtask.exception();
				if (started == 0) {
					expect(exception == null, batch, task + " never started but has exception " + exception);
				}
				else if (!task.async) {
					expect(exception != null && exception == task.thrown, batch,
							task + " was cancelled with " + exception + " but threw " + task.thrown);
				}
				else {
					expect(exception instanceof CancellationException || exception == task.thrown, batch,
							task + " was cancelled with " + exception + " but threw " + task.thrown);
				}
			}
			default -> problem(batch, task + " has not ended: " + state);
		}
	}

	private void checkOutcome(StressBatch batch, BatchOutcome outcome, Set<Throwable> fatalErrors) {
		Throwable thrown = batch.thrown;
		if (outcome == BatchOutcome.SUCCESS || outcome == BatchOutcome.PARTIAL) {
			for (Subtask<?> subtask : batch.subtasks) {
				expect(subtask.state() == State.SUCCESS || subtask.state() == State.FAILED, batch,
						"returned normally with " + subtask);
			}
			if (batch.result != null) {
				List<Object> values = new ArrayList<>();
				batch.subtasks.stream().filter((s) -> s.state() == State.SUCCESS).forEach((s) -> values.add(s.get()));
				expect(batch.result.values().equals(values), batch, "values " + batch.result.values());
				long failed = batch.subtasks.stream().filter((s) -> s.state() == State.FAILED).count();
				expect(batch.result.failures().size() == failed, batch, "failures " + batch.result.failures());
			}
			return;
		}
		if (batch.exit == StressBatch.Exit.JOIN && !fatalErrors.isEmpty()) {
			expect(outcome != BatchOutcome.CANCELLED || thrown instanceof ParallelInterruptedException, batch,
					"had fatal errors but ended " + outcome);
		}
		if (thrown instanceof FatalTaskException fatalException) {
			// A nested batch's fatal error reaches the caller with the innermost cause
			Throwable cause = fatalException.getCause();
			expect(!(cause instanceof FatalTaskException), batch, "threw " + thrown + " wrapping another");
			expect(rootsOf(fatalErrors).contains(cause), batch,
					"threw " + thrown + " whose cause no task threw as fatal");
			boolean named = false;
			for (Subtask<?> subtask : batch.subtasks) {
				named |= rootOf(subtask.exception()) == cause && subtask.name().equals(fatalException.taskName());
			}
			expect(named, batch, "threw " + thrown + " naming a task that did not throw its cause");
			expect(fatalException.taskPath().startsWith(fatalException.taskName()), batch,
					"threw " + thrown + " with the path " + fatalException.taskPath());
		}
		if (thrown instanceof ParallelTimeoutException timeoutException) {
			expect(timeoutException.getTimeout().equals(batch.timeout), batch, "timed out without that timeout");
		}
		if (thrown instanceof ParallelTaskException) {
			Set<Throwable> reported = Collections.newSetFromMap(new IdentityHashMap<>());
			if (thrown instanceof FatalTaskException) {
				reported.add(thrown.getCause());
			}
			reported.addAll(List.of(thrown.getSuppressed()));
			expect(rootsOf(reported).equals(rootsOf(fatalErrors)), batch,
					"reported fatal errors " + reported + " but tasks threw " + fatalErrors);
		}
	}

	private void expect(boolean condition, StressBatch batch, String message) {
		if (!condition) {
			problem(batch, message);
		}
	}

	private void problem(StressBatch batch, String message) {
		this.problems.add("batch " + batch.label + ": " + message);
	}

	private static Set<Throwable> rootsOf(Set<Throwable> exceptions) {
		Set<Throwable> roots = Collections.newSetFromMap(new IdentityHashMap<>());
		exceptions.forEach((exception) -> roots.add(rootOf(exception)));
		return roots;
	}

	private static Throwable rootOf(Throwable exception) {
		Throwable root = exception;
		while (root instanceof FatalTaskException nested && nested.getCause() != null) {
			root = nested.getCause();
		}
		return root;
	}

}
