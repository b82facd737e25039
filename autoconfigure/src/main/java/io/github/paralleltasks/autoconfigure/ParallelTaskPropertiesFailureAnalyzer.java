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

package io.github.paralleltasks.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.util.StringUtils;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * {@link AbstractFailureAnalyzer} for the {@code parallel-tasks.*} properties that cannot
 * be bound or that {@link ParallelTaskProperties} refuses: it describes them as Spring
 * Boot's own binding failure analyzers do (property, value, origin and reason), and says
 * how to fix each.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("parallel-tasks");

	private static final String GENERIC_ACTION = "Update your application's configuration";

	@Override
	public int getOrder() {
		// Before Spring Boot's BindFailureAnalyzer and BindValidationFailureAnalyzer
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		if (!PREFIX.equals(cause.getName()) && !PREFIX.isAncestorOf(cause.getName())) {
			return null;
		}
		StringBuilder description = new StringBuilder(cause.getMessage()).append(":%n".formatted());
		Set<String> actions = new LinkedHashSet<>();
		if (cause.getCause() instanceof BindValidationException validation) {
			ValidationErrors errors = validation.getValidationErrors();
			for (ObjectError error : errors) {
				if (error instanceof FieldError fieldError) {
					ConfigurationPropertyName name = errors.getName()
						.append(DataObjectPropertyName.toDashedForm(fieldError.getField()));
					ConfigurationProperty property = findBound(errors, name);
					Object value = (property != null && property.getName().equals(name)) ? property.getValue()
							: fieldError.getRejectedValue();
					appendProperty(description, name, value, (property != null) ? property.getOrigin() : null);
					actions.add(action(name, false));
				}
				description.append("%n    Reason: %s%n".formatted(error.getDefaultMessage()));
			}
		}
		else {
			ConfigurationProperty property = cause.getProperty();
			if (property != null) {
				appendProperty(description, property.getName(), property.getValue(), property.getOrigin());
			}
			description.append("%n    Reason: %s%n".formatted(reason(cause)));
			actions.add(action(cause.getName(), true));
		}
		actions.remove(GENERIC_ACTION);
		String action = actions.isEmpty() ? GENERIC_ACTION : String.join("%n".formatted(), actions);
		return new FailureAnalysis(description.toString(), action, cause);
	}

	private static @Nullable ConfigurationProperty findBound(ValidationErrors errors, ConfigurationPropertyName name) {
		@Nullable ConfigurationProperty parent = null;
		for (ConfigurationProperty property : errors.getBoundProperties()) {
			if (property.getName().equals(name)) {
				return property;
			}
			if (name.hasIndexedElement() && property.getName().isParentOf(name)) {
				// A list given as one comma-separated value
				parent = property;
			}
		}
		return parent;
	}

	private static void appendProperty(StringBuilder description, ConfigurationPropertyName name,
			@Nullable Object value, @Nullable Object origin) {
		description.append("%n    Property: %s".formatted(name));
		description.append("%n    Value: \"%s\"".formatted((value instanceof Class<?> type) ? type.getName() : value));
		if (origin != null) {
			description.append("%n    Origin: %s".formatted(origin));
		}
	}

	private static String reason(BindException cause) {
		Throwable root = cause;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		String rootReason = root.getClass().getName()
				+ (StringUtils.hasText(root.getMessage()) ? ": " + root.getMessage() : "");
		ConversionFailedException conversion = findConversionFailure(cause);
		if (conversion != null) {
			return "failed to convert " + conversion.getSourceType() + " to " + conversion.getTargetType()
					+ ((root != conversion) ? " (caused by " + rootReason + ")" : "");
		}
		return rootReason;
	}

	private static @Nullable ConversionFailedException findConversionFailure(Throwable failure) {
		for (@Nullable
		Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof ConversionFailedException conversion) {
				return conversion;
			}
		}
		return null;
	}

	private static String action(ConfigurationPropertyName name, boolean unbound) {
		String property = PREFIX.append(name.getElement(1, ConfigurationPropertyName.Form.DASHED)).toString();
		return switch (property) {
			case "parallel-tasks.fatal-exceptions" -> unbound
					? "Correct the class name in " + property + " (a fully qualified name), or add the "
							+ "dependency that holds the class to the application"
					: "Name only exception classes (classes that extend java.lang.Throwable) in " + property;
			case "parallel-tasks.default-timeout" -> "Set " + property + " to a positive duration, such as 10s, "
					+ "or remove it so that batches without a timeout of their own have none";
			case "parallel-tasks.cancel-grace-period" ->
				"Set " + property + " to zero or a positive duration, " + "such as 5s (the default)";
			default -> GENERIC_ACTION;
		};
	}

}
