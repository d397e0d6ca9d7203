package dev.healthstarter.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.healthstarter.HealthState;
import org.jspecify.annotations.Nullable;

/**
 * A group's aggregation, in the spirit of Spring Boot's {@code SimpleStatusAggregator}: the worst contribution wins; a
 * non-critical check contributes at worst {@code degraded}, and so does a critical one that the fleet's
 * {@link FailOpen} policy names for the group; Spring's availability states and the maintenance entry come last and
 * are never capped. While nothing in a group changes it hands out the group's last snapshot. Thread-safe: a
 * snapshot is an immutable fact; the last one per group is kept in a concurrent map, and two evaluations that race
 * each keep an equal one.
 */
final class GroupAggregation {

	private final AvailabilityStates availability;

	private final MaintenanceMode maintenance;

	private final ConcurrentMap<String, HealthSnapshot> lastSnapshots = new ConcurrentHashMap<>();

	private volatile FailOpen failOpen = FailOpen.NEVER;

	/**
	 * @param availability Spring's availability states, as entries of the probe groups
	 * @param maintenance the maintenance entry of the groups it takes
	 */
	GroupAggregation(AvailabilityStates availability, MaintenanceMode maintenance) {
		this.availability = availability;
		this.maintenance = maintenance;
	}

	/**
	 * @param failOpen when a group counts an unhealthy critical check as {@code degraded}; the next aggregation of
	 * each group applies it
	 */
	void failOpen(FailOpen failOpen) {
		this.failOpen = failOpen;
	}

	/**
	 * Forgets the last snapshots that show a check, once it is unregistered (a group gone with it is never
	 * aggregated again).
	 * @param check the check's name
	 */
	void forget(String check) {
		this.lastSnapshots.values().removeIf((snapshot) -> snapshot.checks().containsKey(check));
	}

	/**
	 * Aggregates a group's outcomes; returns the group's previous snapshot when every entry is the same outcome
	 * instance as in it, so what was computed from it (a serialized body) is reused.
	 * @param group the group, or {@code null} for every check
	 * @param scope the group's checks
	 * @param outcomes what each reports, in the order of {@code scope}; {@code null} for one without a result yet
	 * @return the snapshot
	 */
	HealthSnapshot aggregate(@Nullable String group, List<CheckRunner> scope,
			List<@Nullable CheckOutcome> outcomes) {
		Map<String, CheckOutcome> checks = new LinkedHashMap<>();
		Set<String> nonCritical = new TreeSet<>();
		Map<String, String> failingOpen = new TreeMap<>();
		HealthState status = HealthState.HEALTHY;
		FailOpen policy = this.failOpen;
		for (int i = 0; i < scope.size(); i++) {
			CheckOutcome outcome = outcomes.get(i);
			if (outcome != null) {
				CheckRunner runner = scope.get(i);
				checks.put(runner.name(), outcome);
				boolean critical = runner.settings().critical();
				if (!critical) {
					nonCritical.add(runner.name());
				}
				boolean unhealthy = outcome.state() == HealthState.UNHEALTHY;
				String reason = (unhealthy && critical && group != null) ? policy.reason(group, runner.name()) : null;
				if (reason != null) {
					failingOpen.put(runner.name(), reason);
				}
				boolean capped = unhealthy && (!critical || reason != null);
				status = status.worse(capped ? HealthState.DEGRADED : outcome.state());
			}
		}
		Map<String, CheckOutcome> states = new LinkedHashMap<>();
		this.availability.addEntries(group, states);
		this.maintenance.addEntries(group, states);
		for (CheckOutcome outcome : states.values()) {
			status = status.worse(outcome.state());
		}
		checks.putAll(states);
		String key = (group != null) ? group : "";
		HealthSnapshot previous = this.lastSnapshots.get(key);
		if (previous != null && previous.status() == status && sameOutcomes(previous.checks(), checks)
				&& previous.failingOpen().equals(failingOpen)) {
			return previous;
		}
		HealthSnapshot snapshot = new HealthSnapshot(status, checks, nonCritical, failingOpen);
		this.lastSnapshots.put(key, snapshot);
		return snapshot;
	}

	private static boolean sameOutcomes(Map<String, CheckOutcome> previous, Map<String, CheckOutcome> current) {
		if (previous.size() != current.size()) {
			return false;
		}
		var left = previous.entrySet().iterator();
		for (Map.Entry<String, CheckOutcome> right : current.entrySet()) {
			Map.Entry<String, CheckOutcome> entry = left.next();
			if (!entry.getKey().equals(right.getKey()) || entry.getValue() != right.getValue()) {
				return false;
			}
		}
		return true;
	}

}
