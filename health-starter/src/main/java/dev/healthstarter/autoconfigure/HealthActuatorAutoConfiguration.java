package dev.healthstarter.autoconfigure;

import dev.healthstarter.HealthCheckRegistry;
import dev.healthstarter.actuator.ActuatorHealthBridge;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;

/**
 * With Spring Boot's health module (Actuator) present, runs its health indicators as checks
 * ({@link ActuatorHealthBridge}). Turned off by {@code health.actuator.enabled=false}.
 */
@AutoConfiguration(after = HealthAutoConfiguration.class,
		afterName = "org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.health.registry.HealthContributorRegistry")
@ConditionalOnBean(value = HealthCheckRegistry.class,
		type = "org.springframework.boot.health.registry.HealthContributorRegistry")
@ConditionalOnBooleanProperty(name = "health.actuator.enabled", matchIfMissing = true)
public final class HealthActuatorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ActuatorHealthBridge healthStarterActuatorBridge(HealthCheckRegistry registry,
			HealthContributorRegistry contributors, HealthProperties properties) {
		return new ActuatorHealthBridge(registry, contributors, properties.getActuator().getStatusMapping());
	}

}
