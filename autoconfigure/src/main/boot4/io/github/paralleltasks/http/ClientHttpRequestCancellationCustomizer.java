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
package io.github.paralleltasks.http;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.core.Ordered;

/**
 * {@link ClientHttpRequestFactoryBuilderCustomizer} that makes the requests of the
 * auto-configured {@link ClientHttpRequestFactoryBuilder} abort when the parallel task
 * that executes them is cancelled, as {@link ClientHttpRequestCancellation} describes.
 *
 * <p>
 * A wrapped builder is no longer of its original type, so a customizer of a specific
 * builder type that runs after this one would not be applied: this one is therefore
 * ordered {@link Ordered#LOWEST_PRECEDENCE last}.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public class ClientHttpRequestCancellationCustomizer
		implements ClientHttpRequestFactoryBuilderCustomizer<ClientHttpRequestFactoryBuilder<?>>, Ordered {

	@Override
	public ClientHttpRequestFactoryBuilder<?> customize(ClientHttpRequestFactoryBuilder<?> builder) {
		return ClientHttpRequestCancellation.apply(builder);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
