package dev.healthstarter.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Says once at start-up, as a WARN, that {@code health.maintenance.enabled=true} serves nothing: without Spring
 * Security the switch is served only on a port of the health endpoints' own ({@link OnMaintenanceEndpointCondition}).
 */
final class MaintenanceEndpointWarning implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(MaintenanceEndpointWarning.class);

	@Override
	public void afterSingletonsInstantiated() {
		logger.warn("health.maintenance.enabled=true, but the maintenance switch is not served: without Spring "
				+ "Security it is served only on a port of its own; set health.server.port (or management.server.port)");
	}

}
