package dev.healthstarter.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckRegistry;
import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.ReactiveHealthCheck;
import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckNameWarnings;
import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.ResultLimits;
import dev.healthstarter.core.HealthEngine;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class HealthAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HealthAutoConfiguration.class));

	@Test
	void providesRegistryAvailabilityStatesAndEngine() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(HealthCheckRegistry.class)
			.hasSingleBean(AvailabilityStates.class)
			.hasSingleBean(HealthEngine.class)
			.hasSingleBean(CheckNameWarnings.class)
			.hasSingleBean(HealthProperties.class));
	}

	@Test
	void registersHealthCheckBeansUnderTheirNameWithoutSuffix() {
		this.runner.withUserConfiguration(ChecksConfiguration.class).run((context) -> {
			assertThat(context.getBean(HealthCheckRegistry.class).getAll()).containsOnlyKeys("redis", "inventory");
			assertThat(context.getBean(HealthEngine.class).evaluate(null).join().checks()).containsKeys("redis",
					"inventory");
		});
	}

	@Test
	void registersReactiveHealthCheckBeansBesideTheOthersAndRunsThem() {
		this.runner.withUserConfiguration(ChecksConfiguration.class, ReactiveChecksConfiguration.class)
			.run((context) -> {
				assertThat(context.getBean(HealthCheckRegistry.class).getAll()).containsOnlyKeys("redis", "inventory",
						"r2dbc");
				assertThat(context.getBean(HealthEngine.class).evaluateCheck("r2dbc").join().result())
					.isEqualTo(HealthCheckResult.degraded("pool 9 of 10"));
				assertThat(context.getBean(CheckNameWarnings.class)).isNotNull();
			});
	}

	@Test
	void aHealthCheckAndAReactiveHealthCheckOfOneNameFailStartUpNamingIt() {
		this.runner.withUserConfiguration(ChecksConfiguration.class, ClashingReactiveCheckConfiguration.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("the check 'redis'"));
	}

	@Test
	void withoutReactorOnlyHealthCheckBeansAreLookedFor() {
		this.runner.withClassLoader(new FilteredClassLoader(Mono.class))
			.withUserConfiguration(ChecksConfiguration.class)
			.run((context) -> assertThat(context.getBean(HealthCheckRegistry.class).getAll())
				.containsOnlyKeys("redis", "inventory"));
	}

	@Test
	void backsOffFromUserEngineWhichIsAlsoTheRegistry() {
		this.runner.withUserConfiguration(UserEngineConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(HealthCheckRegistry.class).hasBean("myEngine");
			assertThat(context.getBean(HealthEngine.class).checkNames()).containsExactly("custom");
		});
	}

	@Test
	void isDisabledByProperty() {
		this.runner.withPropertyValues("health.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HealthEngine.class)
				.doesNotHaveBean(HealthCheckRegistry.class));
	}

	@Test
	void perCheckSettingsMatchTheCheckNameInAnyRelaxedForm() {
		this.runner.withPropertyValues("health.checks.feature-store.timeout=2s", "health.checks.feature-store.groups=liveness")
			.run((context) -> {
				AutoConfiguredCheckSettings settings = new AutoConfiguredCheckSettings(
						context.getBean(HealthProperties.class));
				assertThat(settings.apply("featureStore").timeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(settings.apply("featureStore").groups()).containsExactly("liveness");
				assertThat(settings.apply("other").timeout()).isEqualTo(Duration.ofSeconds(1));
			});
	}

	@Test
	void invalidPropertiesFailStartUpNamingTheProperty() {
		this.runner.withPropertyValues("health.timeout=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("health.timeout"));
		this.runner.withPropertyValues("health.checks.db.groups=readiness,history")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("health.checks.db.groups").hasMessageContaining("'history' is reserved"));
		this.runner.withPropertyValues("health.http-mapping.unhealthy=42")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("health.http-mapping.unhealthy"));
	}

	@Configuration(proxyBeanMethods = false)
	static class ChecksConfiguration {

		@Bean
		HealthCheck redisHealthCheck() {
			return HealthCheckResult::healthy;
		}

		@Bean
		HealthCheck inventory() {
			return HealthCheck.of(() -> true);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReactiveChecksConfiguration {

		@Bean
		ReactiveHealthCheck r2dbcHealthCheck() {
			return () -> Mono.just(HealthCheckResult.degraded("pool 9 of 10"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClashingReactiveCheckConfiguration {

		@Bean
		ReactiveHealthCheck redis() {
			return () -> Mono.just(HealthCheckResult.healthy());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEngineConfiguration {

		@Bean
		HealthEngine myEngine() {
			return new HealthEngine(Map.of("custom", HealthCheckResult::healthy),
					(name) -> new CheckSettings(Duration.ofSeconds(1), CheckSettings.DEFAULT_GROUPS, true, true),
					Duration.ofSeconds(1), 4, ResultLimits.DEFAULTS, new AvailabilityStates(null, Clock.systemUTC()),
					Clock.systemUTC());
		}

	}

}
