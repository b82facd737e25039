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

package io.github.paralleltasks.task;

import java.util.concurrent.CompletableFuture;

import io.github.paralleltasks.AsyncSupervision;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.AsyncAnnotationAdvisor;

/**
 * {@link BeanPostProcessor} that makes {@code cancel(true)} on the
 * {@code CompletableFuture} of an {@code @Async} method interrupt the thread that runs
 * the method, and {@code cancel(false)} keep a queued call from starting, as Spring's
 * {@code Future} return type already does. It adds, in front of the {@code @Async} advice
 * of each bean that has one, an advice that starts the call through
 * {@link AsyncSupervision#interruptible}. The executor must be supervised (see
 * {@link AsyncSupervisionBeanPostProcessor}).
 *
 * <p>
 * It runs after Spring's {@code AsyncAnnotationBeanPostProcessor}, whose proxies it
 * extends, and so has the lowest precedence.
 *
 * @author parallel-tasks authors
 * @since 0.1.0
 */
public class InterruptibleAsyncFuturesPostProcessor implements BeanPostProcessor, Ordered {

	private static final MethodInterceptor INTERCEPTOR = InterruptibleAsyncFuturesPostProcessor::invoke;

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof Advised advised && !advised.isFrozen()) {
			for (Advisor advisor : advised.getAdvisors()) {
				if (advisor.getAdvice() == INTERCEPTOR) {
					return bean;
				}
			}
			for (Advisor advisor : advised.getAdvisors()) {
				if (advisor instanceof AsyncAnnotationAdvisor async) {
					advised.addAdvisor(0, new DefaultPointcutAdvisor(async.getPointcut(), INTERCEPTOR));
					return bean;
				}
			}
		}
		return bean;
	}

	private static @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		if (!CompletableFuture.class.isAssignableFrom(invocation.getMethod().getReturnType())) {
			return invocation.proceed();
		}
		Throwable[] failure = new Throwable[1];
		CompletableFuture<Object> future = AsyncSupervision.interruptible(() -> {
			try {
				return asFuture(invocation.proceed());
			}
			catch (Throwable ex) {
				failure[0] = ex;
				return null;
			}
		});
		if (failure[0] != null) {
			throw failure[0];
		}
		return future;
	}

	@SuppressWarnings("unchecked")
	private static @Nullable CompletableFuture<Object> asFuture(@Nullable Object result) {
		return (CompletableFuture<Object>) result;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
