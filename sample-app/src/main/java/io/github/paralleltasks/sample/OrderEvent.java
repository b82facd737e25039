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

import java.time.Instant;

/**
 * Something that happened to an order, from the order history.
 *
 * @param status the status of the order from then on, such as {@code PAID}
 * @param at when it happened
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public record OrderEvent(String status, Instant at) {

}
