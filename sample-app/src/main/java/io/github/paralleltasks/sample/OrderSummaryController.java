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

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelResult;
import io.github.paralleltasks.ParallelTimeoutException;
import io.github.paralleltasks.Subtask;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Web endpoint of the order summary.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
@RestController
public class OrderSummaryController {

	private final OrderSummaryService summaries;

	/**
	 * Create a new {@code OrderSummaryController}.
	 * @param summaries the service that gathers the summaries
	 */
	public OrderSummaryController(OrderSummaryService summaries) {
		this.summaries = summaries;
	}

	/**
	 * Return the summary of an order.
	 * @param id the order id
	 * @return the summary
	 */
	@GetMapping("/orders/{id}/summary")
	public OrderSummary summary(@PathVariable long id) {
		return this.summaries.summarize(id);
	}

	/**
	 * Map a fatal error of one of the parts to an error response: HTTP 404 if the order
	 * does not exist, HTTP 500 otherwise.
	 * @param ex the exception of the batch
	 * @return the error response
	 */
	@ExceptionHandler
	public ResponseEntity<ProblemDetail> fatalTaskFailed(FatalTaskException ex) {
		HttpStatus status = (ex.getCause() instanceof OrderNotFoundException) ? HttpStatus.NOT_FOUND
				: HttpStatus.INTERNAL_SERVER_ERROR;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getCause().getMessage());
		problem.setProperty("failedTask", ex.taskName());
		problem.setProperty("tasks", states(ex.getResult()));
		return ResponseEntity.status(status).body(problem);
	}

	/**
	 * Map a summary that was not complete within its timeout to HTTP 504.
	 * @param ex the exception of the batch
	 * @return the error response
	 */
	@ExceptionHandler
	public ResponseEntity<ProblemDetail> timedOut(ParallelTimeoutException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT,
				"The order summary was not complete within " + ex.getTimeout());
		problem.setProperty("tasks", states(ex.getResult()));
		return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).body(problem);
	}

	private static Map<String, Subtask.State> states(ParallelResult<?> result) {
		Map<String, Subtask.State> states = new LinkedHashMap<>();
		for (Subtask<?> subtask : result.subtasks()) {
			states.put(subtask.name(), subtask.state());
		}
		return states;
	}

}
