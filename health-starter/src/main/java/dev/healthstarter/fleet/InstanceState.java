package dev.healthstarter.fleet;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import dev.healthstarter.HealthState;
import dev.healthstarter.core.MaintenanceMode;

import org.jspecify.annotations.Nullable;

/**
 * What the fleet knows of one instance. Immutable and thread-safe.
 *
 * @param status the instance's aggregated state, or {@code null} while it is unknown (not reached yet, its link
 * lost, or silent for two heartbeats)
 * @param checks each check's state by name, sorted, as last seen (kept while unknown, not counted then)
 * @param since when the instance entered {@code status} (or became unknown), as this instance saw it
 * @param seen when its last frame or heartbeat arrived, or {@code null} if none ever did
 * @param self whether it is this instance
 */
public record InstanceState(@Nullable HealthState status, Map<String, HealthState> checks, Instant since,
		@Nullable Instant seen, boolean self) {

	/**
	 * @param status the state
	 * @param checks the checks' states
	 * @param since since when
	 * @param seen last heard of
	 * @param self whether it is this instance
	 */
	public InstanceState {
		checks = Collections.unmodifiableMap(new TreeMap<>(checks));
	}

	/**
	 * @return whether the instance is unknown
	 */
	public boolean unknown() {
		return this.status == null;
	}

	/**
	 * @return whether the instance is in maintenance: reachable, and its {@link MaintenanceMode#MAINTENANCE_STATE}
	 * entry unhealthy (an operator took it out of rotation on purpose, so the fleet's counts leave it out)
	 */
	public boolean maintenance() {
		return this.status != null && this.checks.get(MaintenanceMode.MAINTENANCE_STATE) == HealthState.UNHEALTHY;
	}

	/**
	 * @return {@code "unknown"}, {@code "maintenance"}, or the state's {@link HealthState#value()}
	 */
	public String statusValue() {
		if (this.status == null) {
			return "unknown";
		}
		return maintenance() ? "maintenance" : this.status.value();
	}

}
