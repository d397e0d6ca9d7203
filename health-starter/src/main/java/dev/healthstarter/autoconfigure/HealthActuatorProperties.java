package dev.healthstarter.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.healthstarter.HealthState;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the bridge between Actuator's health contributors and the starter's checks
 * ({@code health.actuator.*}), both ways; {@code health.actuator.enabled} turns the bridge off.
 */
@ConfigurationProperties("health.actuator")
public class HealthActuatorProperties {

	/**
	 * State per Actuator status code, for Actuator's indicators run as checks; a code not listed means what
	 * Actuator's status order and HTTP mapping make of it (not in the order healthy, 5xx unhealthy, ordered before
	 * UP degraded, else healthy).
	 */
	private final Map<String, HealthState> statusMapping = new LinkedHashMap<>();

	/**
	 * Actuator status code per state, for checks seen from Actuator (a degraded check adds "state: degraded" to
	 * its details).
	 */
	private final Map<HealthState, String> exportedStatusMapping = new LinkedHashMap<>(
			Map.of(HealthState.HEALTHY, "UP", HealthState.DEGRADED, "UP", HealthState.UNHEALTHY, "DOWN"));

	/**
	 * Whether the starter's own checks appear in Actuator's health contributors (and so in
	 * {@code /actuator/health}).
	 */
	private boolean export = true;

	/**
	 * Whether Actuator's own health endpoint, groups and probes evaluate its indicators through the starter: in
	 * parallel, each bounded by its timeout, cached and shared with {@code GET /health}.
	 */
	private boolean accelerate = true;

	public Map<String, HealthState> getStatusMapping() {
		return this.statusMapping;
	}

	public Map<HealthState, String> getExportedStatusMapping() {
		return this.exportedStatusMapping;
	}

	public boolean isExport() {
		return this.export;
	}

	public void setExport(boolean export) {
		this.export = export;
	}

	public boolean isAccelerate() {
		return this.accelerate;
	}

	public void setAccelerate(boolean accelerate) {
		this.accelerate = accelerate;
	}

}
