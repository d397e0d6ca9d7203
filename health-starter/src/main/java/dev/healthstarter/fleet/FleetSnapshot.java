package dev.healthstarter.fleet;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import dev.healthstarter.HealthState;

/**
 * The fleet at one moment, as {@code GET /health/fleet} shows it. Immutable and thread-safe.
 *
 * @param status {@code healthy} when every instance is healthy; {@code unhealthy} when at least the threshold
 * ({@code health.fleet.fail-open.threshold}, default 0.5) of the reachable instances are unhealthy (instances in
 * maintenance left out); else {@code degraded} (an instance not healthy, unknown or in maintenance)
 * @param instances each instance by key ({@code host:port}), sorted, this one included
 * @param checks per check name, how many reachable instances report it in each state ({@code "healthy"} to
 * count), sorted by name
 * @param watched how many peers are watched (at most {@code health.fleet.max-peers})
 * @param members how many instances the membership source lists, this one included; more than
 * {@code watched + 1} when the view is a sample
 */
public record FleetSnapshot(HealthState status, Map<String, InstanceState> instances,
		Map<String, Map<String, Integer>> checks, int watched, int members) {

	/**
	 * @param status the fleet's state
	 * @param instances the instances
	 * @param checks the counts per check and state
	 * @param watched the peers watched
	 * @param members the members listed
	 */
	public FleetSnapshot {
		instances = Collections.unmodifiableMap(new TreeMap<>(instances));
		checks = Collections.unmodifiableMap(new TreeMap<>(checks));
	}

	/**
	 * @return how many instances, this one included, are in each state: {@code healthy}, {@code degraded},
	 * {@code unhealthy}, {@code unknown} and {@code maintenance}, in that order, each present (0 when none)
	 */
	public Map<String, Integer> counts() {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (HealthState state : HealthState.values()) {
			counts.put(state.value(), 0);
		}
		counts.put("unknown", 0);
		counts.put("maintenance", 0);
		this.instances.values().forEach((instance) -> counts.merge(instance.statusValue(), 1, Integer::sum));
		return counts;
	}

}
