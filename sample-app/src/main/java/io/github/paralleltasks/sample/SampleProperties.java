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

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the sample application.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
@ConfigurationProperties("sample")
public class SampleProperties {

	/**
	 * How long the order summary waits for all its parts before it gives up with HTTP
	 * 504.
	 */
	private Duration summaryTimeout = Duration.ofSeconds(2);

	/**
	 * How long the order summary waits for the recommendations, counted from when their
	 * call is started, before it cancels the call and goes without them.
	 */
	private Duration recommendationsTimeout = Duration.ofMillis(500);

	private final Delays delays = new Delays();

	private final History history = new History();

	private final GatherDemo gatherDemo = new GatherDemo();

	public Duration getSummaryTimeout() {
		return this.summaryTimeout;
	}

	public void setSummaryTimeout(Duration summaryTimeout) {
		this.summaryTimeout = summaryTimeout;
	}

	public Duration getRecommendationsTimeout() {
		return this.recommendationsTimeout;
	}

	public void setRecommendationsTimeout(Duration recommendationsTimeout) {
		this.recommendationsTimeout = recommendationsTimeout;
	}

	public Delays getDelays() {
		return this.delays;
	}

	public History getHistory() {
		return this.history;
	}

	public GatherDemo getGatherDemo() {
		return this.gatherDemo;
	}

	/**
	 * Simulated latencies of the services behind the order summary.
	 */
	public static class Delays {

		/**
		 * Latency of the customer service.
		 */
		private Duration customer = Duration.ofMillis(20);

		/**
		 * Latency of the prices service.
		 */
		private Duration prices = Duration.ofMillis(30);

		/**
		 * Latency of the recommendations service.
		 */
		private Duration recommendations = Duration.ofMillis(40);

		/**
		 * Latency of the recommendations service for the order whose recommendation
		 * engine is slow (505), unless the call is cancelled.
		 */
		private Duration slowRecommendations = Duration.ofSeconds(30);

		public Duration getCustomer() {
			return this.customer;
		}

		public void setCustomer(Duration customer) {
			this.customer = customer;
		}

		public Duration getPrices() {
			return this.prices;
		}

		public void setPrices(Duration prices) {
			this.prices = prices;
		}

		public Duration getRecommendations() {
			return this.recommendations;
		}

		public void setRecommendations(Duration recommendations) {
			this.recommendations = recommendations;
		}

		public Duration getSlowRecommendations() {
			return this.slowRecommendations;
		}

		public void setSlowRecommendations(Duration slowRecommendations) {
			this.slowRecommendations = slowRecommendations;
		}

	}

	/**
	 * Settings of the order history, which is read from the database.
	 */
	public static class History {

		/**
		 * Id of the order whose history query is slow: before it reads the history, it
		 * runs a query that the database takes long to answer, unless it is cancelled.
		 */
		private long slowOrderId = CustomerService.MISSING_ORDER_ID;

		/**
		 * Size n of the slow query, which counts pairs of SYSTEM_RANGE(1, n) with itself:
		 * n² rows, one to two and a half minutes for 20000 on a 2-core machine.
		 */
		private int slowQuerySize = 20000;

		public long getSlowOrderId() {
			return this.slowOrderId;
		}

		public void setSlowOrderId(long slowOrderId) {
			this.slowOrderId = slowOrderId;
		}

		public int getSlowQuerySize() {
			return this.slowQuerySize;
		}

		public void setSlowQuerySize(int slowQuerySize) {
			this.slowQuerySize = slowQuerySize;
		}

	}

	/**
	 * Settings of the gather demo.
	 */
	public static class GatherDemo {

		/**
		 * Whether to run the gather demo once the application has started.
		 */
		private boolean runOnStartup;

		/**
		 * How long the task that succeeds sleeps.
		 */
		private Duration shortTask = Duration.ofSeconds(2);

		/**
		 * How long the task that fails with a fatal error sleeps before it fails.
		 */
		private Duration failingTask = Duration.ofSeconds(5);

		/**
		 * How long the task that should be interrupted would sleep.
		 */
		private Duration longTask = Duration.ofSeconds(7);

		public boolean isRunOnStartup() {
			return this.runOnStartup;
		}

		public void setRunOnStartup(boolean runOnStartup) {
			this.runOnStartup = runOnStartup;
		}

		public Duration getShortTask() {
			return this.shortTask;
		}

		public void setShortTask(Duration shortTask) {
			this.shortTask = shortTask;
		}

		public Duration getFailingTask() {
			return this.failingTask;
		}

		public void setFailingTask(Duration failingTask) {
			this.failingTask = failingTask;
		}

		public Duration getLongTask() {
			return this.longTask;
		}

		public void setLongTask(Duration longTask) {
			this.longTask = longTask;
		}

	}

}
