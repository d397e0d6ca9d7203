package dev.healthstarter.autoconfigure;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckRegistry;
import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.actuator.ActuatorHealthBridge;
import dev.healthstarter.actuator.ActuatorHealthExport;
import dev.healthstarter.actuator.CheckHealthIndicator;
import dev.healthstarter.core.CheckOutcome;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.HealthSnapshot;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.application.DiskSpaceHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class HealthActuatorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HealthContributorAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class, DiskSpaceHealthContributorAutoConfiguration.class,
				HealthAutoConfiguration.class, HealthActuatorAutoConfiguration.class))
		.withUserConfiguration(IndicatorsConfiguration.class);

	@Test
	void actuatorIndicatorsRunAsChecksWithMappedStates() {
		this.runner.withPropertyValues("health.actuator.status-mapping.MAINTENANCE=unhealthy").run((context) -> {
			HealthSnapshot snapshot = context.getBean(HealthEngine.class).evaluate(null).join();
			assertThat(snapshot.checks()).containsKeys("diskSpace", "paymentGateway", "ledger", "archive");
			CheckOutcome disk = snapshot.checks().get("diskSpace");
			assertThat(disk.state().value()).isEqualTo("healthy");
			assertThat(disk.result().details()).containsKeys("total", "free", "threshold");
			CheckOutcome gateway = snapshot.checks().get("paymentGateway");
			assertThat(gateway.state().value()).isEqualTo("unhealthy");
			assertThat(gateway.result().message()).isEqualTo("java.io.IOException: connect timed out");
			assertThat(snapshot.checks().get("ledger").result()).isEqualTo(HealthCheckResult.healthy("UNKNOWN"));
			assertThat(snapshot.checks().get("archive").state().value()).isEqualTo("unhealthy");
		});
	}

	@Test
	void theUsersOwnCheckOfTheSameNameWins() {
		this.runner.withBean("paymentGatewayHealthCheck", HealthCheck.class, () -> () -> HealthCheckResult.healthy("mine"))
			.run((context) -> assertThat(context.getBean(HealthCheckRegistry.class).getAll().get("paymentGateway").check())
				.isEqualTo(HealthCheckResult.healthy("mine")));
	}

	@Test
	void theStartersChecksAreShownInActuatorWithTheirStatusesUnlessTurnedOff() {
		this.runner.withBean("searchHealthCheck", HealthCheck.class, () -> () -> HealthCheckResult.degraded("slow"))
			.withPropertyValues("health.actuator.exported-status-mapping.degraded=WARNING")
			.run((context) -> {
				HealthContributor search = context.getBean(HealthContributorRegistry.class).getContributor("search");
				assertThat(search).isInstanceOf(CheckHealthIndicator.class);
				Health health = ((HealthIndicator) search).health(true);
				assertThat(health.getStatus().getCode()).isEqualTo("WARNING");
				assertThat(health.getDetails()).containsEntry("state", "degraded").containsEntry("message", "slow");
			});
		this.runner.withBean("searchHealthCheck", HealthCheck.class, () -> () -> HealthCheckResult.degraded("slow"))
			.withPropertyValues("health.actuator.export=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ActuatorHealthExport.class);
				assertThat(context.getBean(HealthContributorRegistry.class).getContributor("search")).isNull();
			});
	}

	@Test
	void isDisabledByPropertyAndAbsentWithoutActuator() {
		this.runner.withPropertyValues("health.actuator.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ActuatorHealthBridge.class);
			assertThat(context.getBean(HealthCheckRegistry.class).getAll()).doesNotContainKey("diskSpace");
		});
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HealthAutoConfiguration.class,
				HealthActuatorAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(HealthContributorRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(HealthEngine.class)
				.doesNotHaveBean(ActuatorHealthBridge.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class IndicatorsConfiguration {

		@Bean
		HealthIndicator paymentGatewayHealthIndicator() {
			return () -> Health.down(new java.io.IOException("connect timed out")).build();
		}

		@Bean
		HealthIndicator ledgerHealthIndicator() {
			return () -> Health.unknown().build();
		}

		@Bean
		HealthIndicator archiveHealthIndicator() {
			return () -> Health.status("MAINTENANCE").build();
		}

	}

}
