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

import java.io.Closeable;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import io.github.paralleltasks.jdbc.EmbeddedPostgres;
import io.github.paralleltasks.jdbc.JdbcCancellation;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ParallelTaskJdbcAutoConfiguration}.
 *
 * @author parallel-tasks authors
 */
class ParallelTaskJdbcAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(BootAutoConfigurations.DATA_SOURCE)
		.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class,
				ParallelTaskAutoConfiguration.class, ParallelTaskJdbcAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + EmbeddedPostgres.get().jdbcUrl(),
				"spring.datasource.username=" + EmbeddedPostgres.get().username());

	@Test
	void wrapsBootsDataSource() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(DataSource.class).hasSingleBean(JdbcCancellationBeanPostProcessor.class);
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(JdbcCancellation.isWrapped(dataSource)).isTrue();
			try (Connection connection = dataSource.getConnection();
					PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
				assertThat(Proxy.isProxyClass(connection.getClass())).isTrue();
				assertThat(Proxy.isProxyClass(statement.getClass())).isTrue();
				assertThat(statement.getConnection()).isSameAs(connection);
			}
		});
	}

	@Test
	void keepsUnwrapToHikariDataSourceWorking() {
		this.contextRunner.run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			HikariDataSource hikari = DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class,
					HikariDataSource.class);
			assertThat(hikari).isNotNull();
			assertThat(dataSource.unwrap(HikariDataSource.class)).isSameAs(hikari);
			assertThat(dataSource.isWrapperFor(HikariDataSource.class)).isTrue();
			assertThat(dataSource.unwrap(DataSource.class)).isSameAs(dataSource);
			// the bean can still be injected as any interface of the pool
			assertThat(dataSource).isInstanceOf(HikariConfigMXBean.class).isInstanceOf(Closeable.class);
			assertThat(((HikariConfigMXBean) dataSource).getPoolName()).isEqualTo(hikari.getPoolName());
		});
	}

	@Test
	void keepsConnectionUnwrapToTheDriversConnectionWorking() {
		this.contextRunner.run((context) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				assertThat(connection.isWrapperFor(PGConnection.class)).isTrue();
				assertThat(connection.unwrap(PGConnection.class).getBackendPID()).isPositive();
				assertThat(connection.unwrap(Connection.class)).isSameAs(connection);
			}
		});
	}

	@Test
	void keepsHikariPoolMetricsWorking() {
		this.contextRunner.withConfiguration(BootAutoConfigurations.METRICS)
			.withConfiguration(BootAutoConfigurations.DATA_SOURCE_POOL_METRICS)
			.run((context) -> {
				DataSource dataSource = context.getBean(DataSource.class);
				try (Connection connection = dataSource.getConnection()) {
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					assertThat(registry.find("hikaricp.connections.active").gauge()).isNotNull();
					assertThat(registry.get("hikaricp.connections.active").gauge().value()).isEqualTo(1);
				}
			});
	}

	@Test
	void wrapsDataSourceBeansOfTheApplication() {
		this.contextRunner.withUserConfiguration(UserDataSourceConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(DataSource.class);
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(JdbcCancellation.isWrapped(dataSource)).isTrue();
			assertThat(dataSource.unwrap(SimpleDriverDataSource.class)).isNotNull();
		});
	}

	@Test
	void doesNotWrapADataSourceTwice() {
		this.contextRunner.withUserConfiguration(WrappedDataSourceConfiguration.class).run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(dataSource).isSameAs(context.getBean(WrappedDataSourceConfiguration.class).wrapped);
			assertThat(dataSource.unwrap(SimpleDriverDataSource.class)).isNotNull();
		});
	}

	@Test
	void keepsRoutingDataSourceVisibleAndWrapsEachConnectionOnce() {
		this.contextRunner.withUserConfiguration(RoutingDataSourceConfiguration.class).run((context) -> {
			DataSource router = context.getBean("router", DataSource.class);
			DataSource target = context.getBean("target", DataSource.class);
			assertThat(JdbcCancellation.isWrapped(router)).isTrue();
			assertThat(JdbcCancellation.isWrapped(target)).isTrue();
			// what Spring Boot's health contributor checks to report each routed target
			assertThat(router.isWrapperFor(AbstractRoutingDataSource.class)).isTrue();
			assertThat(router.unwrap(AbstractRoutingDataSource.class)).isInstanceOf(AbstractRoutingDataSource.class);
			try (Connection connection = router.getConnection(); Statement statement = connection.createStatement()) {
				// the router returns the target's wrapper, which is not wrapped again
				assertThat(Proxy.isProxyClass(connection.getClass())).isTrue();
				assertThat(connection.toString()).containsOnlyOnce("Cancellable proxy");
				assertThat(statement.toString()).containsOnlyOnce("Cancellable proxy");
			}
		});
	}

	@Test
	void bootsDataSourceCanStillBeInjectedAsHikariDataSource() {
		this.contextRunner.withUserConfiguration(HikariDataSourceUserConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			HikariDataSource hikari = context.getBean(HikariDataSourceUserConfiguration.class).dataSource;
			assertThat(hikari).isSameAs(context.getBean(DataSource.class));
			assertThat(JdbcCancellation.isWrapped(hikari)).isTrue();
			assertThat(hikari.getPoolName()).isEqualTo(hikari.unwrap(HikariDataSource.class).getPoolName());
			try (Connection connection = hikari.getConnection();
					PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
				assertThat(Proxy.isProxyClass(statement.getClass())).isTrue();
			}
		});
	}

	@Test
	void dataSourceOfAFinalClassIsWrappedWithItsInterfaces() {
		this.contextRunner.withUserConfiguration(FinalDataSourceConfiguration.class).run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(Proxy.isProxyClass(dataSource.getClass())).isTrue();
			assertThat(JdbcCancellation.isWrapped(dataSource)).isTrue();
			assertThat(dataSource.unwrap(FinalDriverDataSource.class)).isNotNull();
			try (Connection connection = dataSource.getConnection();
					PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
				assertThat(Proxy.isProxyClass(statement.getClass())).isTrue();
			}
		});
	}

	@Test
	void backsOffWhenDisabledByItsProperty() {
		this.contextRunner.withPropertyValues("parallel-tasks.cancel.jdbc.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(JdbcCancellationBeanPostProcessor.class);
			assertThat(JdbcCancellation.isWrapped(context.getBean(DataSource.class))).isFalse();
			assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
		});
	}

	@Test
	void backsOffWhenTheTemplateIsDisabled() {
		this.contextRunner.withPropertyValues("parallel-tasks.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(JdbcCancellationBeanPostProcessor.class);
			assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
		});
	}

	@Test
	void backsOffWithoutJdbc() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DataSource.class))
			.run((context) -> assertThat(context).doesNotHaveBean(JdbcCancellationBeanPostProcessor.class));
	}

	private static SimpleDriverDataSource simpleDataSource() {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(),
				EmbeddedPostgres.get().jdbcUrl());
		dataSource.setUsername(EmbeddedPostgres.get().username());
		return dataSource;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserDataSourceConfiguration {

		@Bean
		DataSource userDataSource() {
			return simpleDataSource();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HikariDataSourceUserConfiguration {

		@Autowired
		HikariDataSource dataSource;

	}

	@Configuration(proxyBeanMethods = false)
	static class FinalDataSourceConfiguration {

		@Bean
		DataSource finalDataSource() {
			FinalDriverDataSource dataSource = new FinalDriverDataSource();
			dataSource.setDriver(new org.postgresql.Driver());
			dataSource.setUrl(EmbeddedPostgres.get().jdbcUrl());
			dataSource.setUsername(EmbeddedPostgres.get().username());
			return dataSource;
		}

	}

	static final class FinalDriverDataSource extends SimpleDriverDataSource {

	}

	@Configuration(proxyBeanMethods = false)
	static class WrappedDataSourceConfiguration {

		final DataSource wrapped = JdbcCancellation.wrap(simpleDataSource());

		@Bean
		DataSource wrappedDataSource() {
			return this.wrapped;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RoutingDataSourceConfiguration {

		@Bean
		DataSource target() {
			return simpleDataSource();
		}

		@Bean
		DataSource router(DataSource target) {
			AbstractRoutingDataSource router = new AbstractRoutingDataSource() {

				@Override
				protected Object determineCurrentLookupKey() {
					return "only";
				}

			};
			router.setTargetDataSources(Map.of("only", target));
			return router;
		}

	}

}
