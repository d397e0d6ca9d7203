package dev.healthstarter.autoconfigure;

import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.MaintenanceMode;
import dev.healthstarter.metrics.HealthMetrics;
import dev.healthstarter.metrics.MaintenanceMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the health meters: {@link MeterBinder}s (the checks' and groups', and the maintenance
 * switch's with {@code health.maintenance.enabled}) that Spring Boot binds to the application's
 * meter registries (the starter never creates a registry).
 */
@AutoConfiguration(after = HealthAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(HealthEngine.class)
public final class HealthMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HealthMetrics healthStarterMetrics(HealthEngine engine) {
		return new HealthMetrics(engine);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("health.maintenance.enabled")
	MaintenanceMetrics healthStarterMaintenanceMetrics(MaintenanceMode maintenance) {
		return new MaintenanceMetrics(maintenance);
	}

}
