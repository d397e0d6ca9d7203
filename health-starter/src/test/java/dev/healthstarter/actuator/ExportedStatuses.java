package dev.healthstarter.actuator;

import java.util.Map;

import dev.healthstarter.HealthState;

import org.springframework.boot.health.contributor.Status;

/**
 * The Actuator status of each state by default ({@code health.actuator.exported-status-mapping}), for the tests that
 * build a bridge or an export by hand.
 */
final class ExportedStatuses {

	static final Map<HealthState, Status> DEFAULTS = Map.of(HealthState.HEALTHY, Status.UP, HealthState.DEGRADED,
			Status.UP, HealthState.UNHEALTHY, Status.DOWN);

	private ExportedStatuses() {
	}

}
