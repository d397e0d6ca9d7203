package dev.healthstarter.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.healthstarter.HealthState;
import dev.healthstarter.actuator.ActuatorHealthBridge;
import dev.healthstarter.actuator.ActuatorHealthExport;
import dev.healthstarter.actuator.ActuatorRequestScope;
import dev.healthstarter.actuator.ActuatorStatusMapping;
import dev.healthstarter.actuator.BridgingRegistriesPostProcessor;
import dev.healthstarter.core.HealthEngine;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.util.function.SingletonSupplier;

/**
 * With Spring Boot's health module (Actuator) present, both ways: its health indicators run as checks, and by
 * default its own endpoint evaluates them through the starter ({@link ActuatorHealthBridge},
 * {@code health.actuator.accelerate}); the starter's checks appear among its contributors
 * ({@link ActuatorHealthExport}, {@code health.actuator.export}). Turned off by
 * {@code health.actuator.enabled=false}.
 */
@AutoConfiguration(after = HealthAutoConfiguration.class,
		afterName = "org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.health.registry.HealthContributorRegistry")
@ConditionalOnBean(value = HealthEngine.class,
		type = "org.springframework.boot.health.registry.HealthContributorRegistry")
@ConditionalOnBooleanProperty(name = "health.actuator.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HealthActuatorProperties.class)
public final class HealthActuatorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ActuatorHealthBridge healthStarterActuatorBridge(HealthEngine engine, HealthContributorRegistry contributors,
			ObjectProvider<ReactiveHealthContributorRegistry> reactiveContributors, HealthActuatorProperties properties,
			ActuatorStatusMapping statusMapping, ActuatorRequestScope scope) {
		return new ActuatorHealthBridge(engine, contributors, reactiveContributors.getIfAvailable(), statusMapping,
				statuses(properties), properties.isAccelerate(), scope);
	}

	/**
	 * What each Actuator status code means for an indicator run as a check: {@code health.actuator.status-mapping},
	 * else Actuator's own status order and HTTP mapping, read from its health groups once they exist.
	 * @param properties the starter's settings
	 * @param groups Actuator's health groups, if its health endpoint is on
	 * @return the mapping
	 */
	@Bean
	@ConditionalOnMissingBean
	ActuatorStatusMapping healthStarterActuatorStatusMapping(HealthActuatorProperties properties,
			ObjectProvider<HealthEndpointGroups> groups) {
		return new ActuatorStatusMapping(properties.getStatusMapping(),
				SingletonSupplier.of(groups::getIfAvailable));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "health.actuator.export", matchIfMissing = true)
	ActuatorHealthExport healthStarterActuatorExport(HealthEngine engine, HealthContributorRegistry contributors,
			ObjectProvider<ReactiveHealthContributorRegistry> reactiveContributors, HealthActuatorProperties properties,
			ActuatorRequestScope scope) {
		return new ActuatorHealthExport(engine, contributors, reactiveContributors.getIfAvailable(),
				statuses(properties), scope);
	}

	/**
	 * Actuator's registries (blocking and reactive) seen through the starter, so contributors registered after
	 * start-up are bridged too.
	 * @param bridge the bridge, asked for when a contributor is registered
	 * @return the post-processor that wraps the registries
	 */
	@Bean
	@ConditionalOnMissingBean(name = "healthStarterActuatorRegistryPostProcessor")
	static BridgingRegistriesPostProcessor healthStarterActuatorRegistryPostProcessor(
			ObjectProvider<ActuatorHealthBridge> bridge) {
		return new BridgingRegistriesPostProcessor(bridge::getIfAvailable);
	}

	/**
	 * Which contributors an Actuator request reads, shared by the bridge's and the export's views: Actuator's health
	 * groups, looked up when a request first asks and kept once they exist (the endpoint may be off: then every
	 * contributor).
	 * @param groups Actuator's health groups, if its health endpoint is on
	 * @return the scope
	 */
	@Bean
	@ConditionalOnMissingBean
	ActuatorRequestScope healthStarterActuatorRequestScope(ObjectProvider<HealthEndpointGroups> groups) {
		return new ActuatorRequestScope(SingletonSupplier.of(groups::getIfAvailable));
	}

	private static Map<HealthState, Status> statuses(HealthActuatorProperties actuator) {
		Map<HealthState, Status> statuses = new LinkedHashMap<>();
		actuator.getExportedStatusMapping().forEach((state, code) -> statuses.put(state, new Status(code)));
		return statuses;
	}

}
