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

package io.github.paralleltasks.boot3;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.paralleltasks.FatalTaskException;
import io.github.paralleltasks.ParallelCall;
import io.github.paralleltasks.ParallelResult;
import io.github.paralleltasks.ParallelTask;
import io.github.paralleltasks.ParallelTaskOperations;
import io.github.paralleltasks.ParallelTaskTemplate;
import io.github.paralleltasks.Subtask;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Gathers a checkout in one batch: the customer, the stock and the payment, whose errors
 * the policy judges, and the optional recommendations.
 *
 * @author parallel-tasks authors
 */
@RestController
class CheckoutController {

	private final ParallelTaskOperations checkouts;

	private final CheckoutWork work;

	CheckoutController(ParallelTaskTemplate template, CheckoutWork work) {
		this.checkouts = template.batch("checkout");
		this.work = work;
	}

	@GetMapping("/checkout/{order}")
	Map<String, Object> checkout(@PathVariable long order) {
		return this.checkouts.execute((scope) -> {
			Subtask<String> customer = scope.fork(ParallelTask.named("customer", () -> this.work.customer(order)));
			Subtask<String> stock = scope.forkAsync(ParallelCall.named("stock", () -> this.work.reserveStock(order)));
			Subtask<String> payment = scope.fork(ParallelTask.named("payment", () -> this.work.pay(order)));
			Subtask<List<String>> recommendations = scope
				.fork(ParallelTask.optional("recommendations", () -> this.work.recommendations(order)));
			ParallelResult<Object> result = scope.join();
			Map<String, Object> checkout = new LinkedHashMap<>();
			checkout.put("customer", customer.get());
			checkout.put("stock", stock.get());
			checkout.put("payment", payment.get());
			checkout.put("recommendations",
					(recommendations.state() == Subtask.State.SUCCESS) ? recommendations.get() : List.of());
			checkout.put("missing", result.failures().stream().map((failure) -> failure.taskName()).toList());
			return checkout;
		});
	}

	@ExceptionHandler(FatalTaskException.class)
	ResponseEntity<String> fatalError(FatalTaskException ex) {
		Throwable cause = ex.getCause();
		HttpStatus status = (cause instanceof CheckoutWork.OrderNotFoundException) ? HttpStatus.NOT_FOUND
				: (cause instanceof CheckoutWork.CardDeclinedException) ? HttpStatus.PAYMENT_REQUIRED
						: HttpStatus.INTERNAL_SERVER_ERROR;
		return ResponseEntity.status(status).body(ex.taskPath() + ": " + cause.getMessage());
	}

}
