package dev.healthstarter.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckRegistry;
import dev.healthstarter.ReactiveHealthCheck;
import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckNameWarnings;
import dev.healthstarter.core.CheckNames;
import dev.healthstarter.core.DetailsSerializer;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.HealthHistory;
import dev.healthstarter.core.HealthStateChanges;
import dev.healthstarter.core.MaintenanceMode;
import dev.healthstarter.core.ReactiveChecks;
import dev.healthstarter.core.ResultLimits;
import dev.healthstarter.web.HealthJson;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of the health engine: the engine (which is also the {@link HealthCheckRegistry})
 * with every {@link HealthCheck} and {@link ReactiveHealthCheck} bean registered, the availability states of the probe groups, the starter's own
 * JSON writer when Jackson is present, the events and log lines of state changes, and a warning once the
 * application is ready for each {@code health.checks.<name>} that names no check. Turned off by
 * {@code health.enabled=false}.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration")
@ConditionalOnBooleanProperty(name = "health.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ HealthProperties.class, HealthHttpProperties.class, HealthServerProperties.class,
		HealthMaintenanceProperties.class })
public final class HealthAutoConfiguration {

	/**
	 * Validation of {@code health.*} as it is bound, before any bean is built from it.
	 * @return the validator
	 */
	@Bean
	@ConditionalOnMissingBean(name = "healthStarterPropertiesValidator")
	static HealthPropertiesValidator healthStarterPropertiesValidator() {
		return new HealthPropertiesValidator();
	}

	/**
	 * Validation of {@code health.http.*} as it is bound, before any bean is built from it.
	 * @param properties the general properties, for the timeout of targets that set none
	 * @return the validator
	 */
	@Bean
	@ConditionalOnMissingBean(name = "healthStarterHttpPropertiesValidator")
	static HealthHttpPropertiesValidator healthStarterHttpPropertiesValidator(
			ObjectProvider<HealthProperties> properties) {
		return new HealthHttpPropertiesValidator(properties::getObject);
	}

	@Bean
	@ConditionalOnMissingBean
	AvailabilityStates healthStarterAvailabilityStates(ObjectProvider<ApplicationAvailability> availability) {
		return new AvailabilityStates(availability.getIfAvailable(), Clock.systemUTC());
	}

	/**
	 * Validation of {@code health.maintenance.*} as it is bound.
	 * @return the validator
	 */
	@Bean
	@ConditionalOnMissingBean(name = "healthStarterMaintenancePropertiesValidator")
	static HealthMaintenancePropertiesValidator healthStarterMaintenancePropertiesValidator() {
		return new HealthMaintenancePropertiesValidator();
	}

	@Bean
	@ConditionalOnMissingBean
	MaintenanceMode healthStarterMaintenanceMode(HealthMaintenanceProperties properties) {
		return new MaintenanceMode(properties.getGroups(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ResultLimits healthStarterResultLimits(HealthProperties properties, ObjectProvider<DetailsSerializer> serializer) {
		return new ResultLimits(properties.getMaxMessageLength(), properties.getMaxDetailsSize().toBytes(),
				serializer.getIfAvailable());
	}

	/**
	 * The engine, unless the application declares a {@link HealthCheckRegistry} of its own: the back-off is keyed on
	 * the interface, as Boot's is on {@code HealthContributorRegistry}. Such a bean must be a {@link HealthEngine}, which
	 * the rest of the starter runs on.
	 */
	@Bean
	@ConditionalOnMissingBean(HealthCheckRegistry.class)
	HealthEngine healthStarterEngine(ConfigurableListableBeanFactory beanFactory, HealthProperties properties,
			ResultLimits limits, AvailabilityStates availabilityStates, MaintenanceMode maintenance) {
		Map<String, HealthCheck> checks = new LinkedHashMap<>();
		beanFactory.getBeansOfType(HealthCheck.class)
			.forEach((beanName, check) -> checks.put(CheckNames.fromBeanName(beanName), check));
		if (reactorPresent(beanFactory)) {
			beanFactory.getBeansOfType(ReactiveHealthCheck.class)
				.forEach((beanName, check) -> putReactive(checks, CheckNames.fromBeanName(beanName), check));
		}
		return new HealthEngine(checks, new AutoConfiguredCheckSettings(properties), properties.getCacheTtl(),
				properties.getExecution().getMaxThreads(), limits, availabilityStates, maintenance, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	HealthStateChanges healthStarterStateChanges(HealthEngine engine, ApplicationEventPublisher publisher,
			ResultLimits limits) {
		HealthStateChanges changes = new HealthStateChanges(engine, publisher, limits);
		engine.addListener(changes);
		return changes;
	}

	@Bean
	@ConditionalOnMissingBean
	CheckNameWarnings healthStarterCheckNameWarnings(HealthEngine engine, HealthProperties properties,
			ConfigurableListableBeanFactory beanFactory) {
		return new CheckNameWarnings(engine, properties.getChecks().keySet(),
				checkBeanNames(beanFactory));
	}

	private static void putReactive(Map<String, HealthCheck> checks, String name, ReactiveHealthCheck check) {
		if (checks.putIfAbsent(name, ReactiveChecks.adapt(check)) != null) {
			throw new IllegalStateException("A HealthCheck bean and a ReactiveHealthCheck bean are both the check '"
					+ name + "': rename one of them");
		}
	}

	private static List<String> checkBeanNames(ConfigurableListableBeanFactory beanFactory) {
		List<String> names = new ArrayList<>(List.of(beanFactory.getBeanNamesForType(HealthCheck.class)));
		if (reactorPresent(beanFactory)) {
			names.addAll(List.of(beanFactory.getBeanNamesForType(ReactiveHealthCheck.class)));
		}
		return names;
	}

	/** Whether {@link ReactiveHealthCheck} beans can exist: their {@code Mono} is Reactor's. */
	private static boolean reactorPresent(ConfigurableListableBeanFactory beanFactory) {
		return ClassUtils.isPresent("reactor.core.publisher.Mono", beanFactory.getBeanClassLoader());
	}

	@Bean
	@ConditionalOnMissingBean
	HealthHistory healthStarterHistory(HealthEngine engine, HealthProperties properties) {
		HealthHistory history = new HealthHistory(properties.getHistory().getSize());
		engine.addListener(history);
		return history;
	}

	/** The starter's own JSON writer, so the application's Jackson settings never change the wire format. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "tools.jackson.databind.json.JsonMapper")
	static class HealthJsonConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HealthJson healthStarterJson() {
			return new HealthJson();
		}

	}

}
