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

package io.github.paralleltasks.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelResult;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.Subtask;
import io.github.paralleltasks.sample.GatherDemoReport.BatchEnd;
import io.github.paralleltasks.sample.GatherDemoReport.Event;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Python's classic {@code asyncio.gather} example, in Spring: three {@code @Async} tasks
 * sleep 2 s, 5 s and 7 s, and the 5 s one fails with a {@link GatherDemoException}.
 *
 * <p>
 * With {@code asyncio.gather}, the caller gets the exception at 5 s but the 7 s task goes
 * on and finishes at 7 s. Here the exception is a {@code @FatalError}: the batch fails at
 * 5 s and the 7 s task is interrupted at 5 s; it never finishes.
 *
 * <p>
 * Every event is logged at INFO level with its time since the start of the demo. After
 * the batch has ended, the demo waits for the tasks to end, at most until the longest one
 * would have finished plus one second, so that its report says what became of each.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
@Component
public class GatherDemo {

	/**
	 * The name under which the batch's own events are recorded.
	 */
	public static final String BATCH = "batch";

	private static final Log logger = LogFactory.getLog(GatherDemo.class);

	private static final Duration END_MARGIN = Duration.ofSeconds(1);

	private final ParallelTaskTemplate template;

	private final GatherDemoTasks tasks;

	private final SampleProperties.GatherDemo properties;

	/**
	 * Create a new {@code GatherDemo}.
	 * @param template the auto-configured template
	 * @param tasks the {@code @Async} tasks
	 * @param properties the properties of the sample
	 */
	public GatherDemo(ParallelTaskTemplate template, GatherDemoTasks tasks, SampleProperties properties) {
		this.template = template.batch("gather-demo");
		this.tasks = tasks;
		this.properties = properties.getGatherDemo();
	}

	/**
	 * Run the demo.
	 * @return what happened
	 */
	public GatherDemoReport run() {
		Duration shortTask = this.properties.getShortTask();
		Duration failingTask = this.properties.getFailingTask();
		Duration longTask = this.properties.getLongTask();
		List<String> names = List.of(taskName(shortTask), taskName(failingTask), taskName(longTask));
		logger.info("Gather demo: " + String.join(", ", names) + " sleep in parallel; " + names.get(1)
				+ " then fails with a @FatalError exception");
		Recorder recorder = new Recorder(names);
		BatchEnd end;
		try {
			ParallelResult<Object> result = this.template.execute((scope) -> {
				scope.forkAsync(names.get(0), () -> this.tasks.sleep(recorder, names.get(0), shortTask, false));
				scope.forkAsync(names.get(1), () -> this.tasks.sleep(recorder, names.get(1), failingTask, true));
				scope.forkAsync(names.get(2), () -> this.tasks.sleep(recorder, names.get(2), longTask, false));
				return scope.join();
			});
			long at = recorder.elapsedMillis();
			recorder.record(BATCH, "succeeded", "batch succeeded at " + seconds(at));
			end = new BatchEnd("succeeded", at, null, null, null, states(result));
		}
		catch (FatalTaskException ex) {
			long at = recorder.elapsedMillis();
			Throwable cause = ex.getCause();
			Map<String, Subtask.State> states = states(ex.getResult());
			recorder.record(BATCH, "failed", "batch failed at " + seconds(at) + " with " + cause + " from '"
					+ ex.taskName() + "'; task states: " + states);
			end = new BatchEnd("failed", at, ex.taskName(), cause.getClass().getName(), cause.getMessage(), states);
		}
		Duration longest = Collections.max(List.of(shortTask, failingTask, longTask));
		recorder.awaitTasks(longest.plus(END_MARGIN));
		return new GatherDemoReport(recorder.events(), end);
	}

	private static Map<String, Subtask.State> states(ParallelResult<?> result) {
		Map<String, Subtask.State> states = new LinkedHashMap<>();
		for (Subtask<?> subtask : result.subtasks()) {
			states.put(subtask.name(), subtask.state());
		}
		return states;
	}

	static String taskName(Duration duration) {
		return "task " + format(duration);
	}

	static String format(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

	static String seconds(long millis) {
		return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
	}

	/**
	 * Records, and logs, what happens in one run of the demo.
	 */
	public static final class Recorder {

		private final long startNanos = System.nanoTime();

		private final List<Event> events = new ArrayList<>();

		private final List<String> taskNames;

		private final Map<String, Boolean> ended = new ConcurrentHashMap<>();

		private final CountDownLatch allEnded;

		Recorder(List<String> taskNames) {
			this.taskNames = taskNames;
			this.allEnded = new CountDownLatch(taskNames.size());
		}

		long elapsedMillis() {
			return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.startNanos);
		}

		void record(String task, String event, String description) {
			String what = BATCH.equals(task) ? description : task + " " + description;
			synchronized (this.events) {
				long at = elapsedMillis();
				String line = String.format(Locale.ROOT, "[%5.1f s] %s", at / 1000.0, what);
				this.events.add(new Event(at, task, event, line));
				logger.info(line);
			}
			if (!BATCH.equals(task) && !"started".equals(event) && this.ended.putIfAbsent(task, true) == null) {
				this.allEnded.countDown();
			}
		}

		void awaitTasks(Duration timeout) {
			long left = timeout.toMillis() - elapsedMillis();
			try {
				if (left > 0 && this.allEnded.await(left, TimeUnit.MILLISECONDS)) {
					return;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			for (String task : this.taskNames) {
				if (!this.ended.containsKey(task)) {
					record(task, "still-running", "still running; the demo stops waiting for it");
				}
			}
		}

		List<Event> events() {
			synchronized (this.events) {
				return List.copyOf(this.events);
			}
		}

	}

}
