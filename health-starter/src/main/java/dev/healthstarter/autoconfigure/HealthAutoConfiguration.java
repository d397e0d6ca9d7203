package dev.healthstarter.autoconfigure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckRegistry;
import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.DefaultHealthCheckRegistry;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.HealthStateChanges;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the health engine: the registry of {@link HealthCheck} beans, the availability states of
 * the probe groups, the engine that runs and aggregates checks, and the events and log lines of state changes. Turned off by {@code health.enabled=false}.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration")
@ConditionalOnBooleanProperty(name = "health.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HealthProperties.class)
public final class HealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(HealthCheckRegistry.class)
	DefaultHealthCheckRegistry healthStarterRegistry(ListableBeanFactory beanFactory) {
		Map<String, HealthCheck> checks = new LinkedHashMap<>();
		beanFactory.getBeansOfType(HealthCheck.class)
			.forEach((beanName, check) -> checks.put(DefaultHealthCheckRegistry.checkName(beanName), check));
		return new DefaultHealthCheckRegistry(checks);
	}

	@Bean
	@ConditionalOnMissingBean
	AvailabilityStates healthStarterAvailabilityStates(ObjectProvider<ApplicationAvailability> availability) {
		return new AvailabilityStates(availability.getIfAvailable(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	HealthEngine healthStarterEngine(HealthCheckRegistry registry, HealthProperties properties,
			AvailabilityStates availabilityStates) {
		return new HealthEngine(registry, properties::settingsFor, properties.getCacheTtl(),
				properties.getExecution().getMaxThreads(), availabilityStates, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	HealthStateChanges healthStarterStateChanges(HealthEngine engine, ApplicationEventPublisher publisher) {
		HealthStateChanges changes = new HealthStateChanges(engine, publisher);
		engine.addListener(changes);
		return changes;
	}

}
