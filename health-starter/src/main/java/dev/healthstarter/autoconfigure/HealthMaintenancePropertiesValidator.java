package dev.healthstarter.autoconfigure;

import dev.healthstarter.core.HealthGroups;

/**
 * Validates {@code health.maintenance.*} ({@link HealthMaintenanceProperties}): maintenance never takes liveness,
 * since a pod whose liveness fails is restarted, not taken out of rotation.
 */
final class HealthMaintenancePropertiesValidator extends PropertiesValidator<HealthMaintenanceProperties> {

	HealthMaintenancePropertiesValidator() {
		super(HealthMaintenanceProperties.class);
	}

	@Override
	void validate(HealthMaintenanceProperties properties) {
		require(!properties.getGroups().contains(HealthGroups.LIVENESS), "health.maintenance.groups",
				properties.getGroups(), "must not hold liveness: Kubernetes restarts a pod whose liveness fails");
	}

}
