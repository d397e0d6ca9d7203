package dev.healthstarter.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthMaintenance;
import org.jspecify.annotations.Nullable;

/**
 * An instance's maintenance mode, switched by an operator ({@code PUT} and {@code DELETE /health/maintenance}): while
 * it is on, the entry {@value #MAINTENANCE_STATE} of its groups ({@code health.maintenance.groups}, default
 * {@code readiness}, never {@code liveness}) and of the overall aggregation ({@code GET /health}) is
 * {@code unhealthy} with the reason as its message, so those groups answer 503, as
 * {@code readinessState} does while Spring's readiness refuses traffic. The entry is outside the fleet's fail-open:
 * a pod taken out on purpose stays out. Held in memory only. Each change is told to the engine's listeners
 * ({@link HealthEvaluationListener#onMaintenanceChanged}) in the order the changes were made. Thread-safe.
 */
public final class MaintenanceMode {

	/** Entry name of the maintenance state in a group, present while the instance is in maintenance. */
	public static final String MAINTENANCE_STATE = "maintenanceState";

	private final Set<String> groups;

	private final Clock clock;

	/** The maintenance and its entry, or {@code null} when off; changed under this object's lock. */
	private volatile @Nullable On on;

	private volatile Listener listener = (previous, current, at) -> {
	};

	/**
	 * @param groups the groups that answer {@code unhealthy} in maintenance (the overall aggregation always does)
	 * @param clock the clock for {@code since}
	 * @throws IllegalArgumentException if {@code groups} holds {@code liveness}: a pod in maintenance must not be
	 * restarted
	 */
	public MaintenanceMode(Set<String> groups, Clock clock) {
		if (groups.contains(HealthGroups.LIVENESS)) {
			throw new IllegalArgumentException("Maintenance never takes liveness: the pod would be restarted");
		}
		this.groups = Set.copyOf(groups);
		this.clock = clock;
	}

	/** @return the groups that answer {@code unhealthy} in maintenance, besides the overall aggregation */
	public Set<String> groups() {
		return this.groups;
	}

	/** @return the maintenance now, or {@code null} when the instance is not in maintenance */
	public @Nullable HealthMaintenance current() {
		On on = this.on;
		return (on != null) ? on.maintenance() : null;
	}

	/**
	 * Enters maintenance, or changes its reason (keeping {@code since}); the groups answer {@code unhealthy} once
	 * this returns.
	 * @param reason why, as {@link HealthMaintenance} accepts it
	 * @return the maintenance now
	 * @throws IllegalArgumentException if the reason is blank, too long or holds a control character
	 */
	public synchronized HealthMaintenance enter(String reason) {
		On before = this.on;
		if (before != null && before.maintenance().reason().equals(reason)) {
			return before.maintenance();
		}
		Instant now = this.clock.instant();
		HealthMaintenance maintenance = new HealthMaintenance(reason, (before != null) ? before.maintenance().since() : now);
		this.on = new On(maintenance, new CheckOutcome(HealthCheckResult.unhealthy(reason), now, Duration.ZERO,
				maintenance.since(), null));
		this.listener.changed((before != null) ? before.maintenance() : null, maintenance, now);
		return maintenance;
	}

	/**
	 * Leaves maintenance; the groups answer from their checks again once this returns.
	 * @return the maintenance that ended, or {@code null} when the instance was not in maintenance
	 */
	public synchronized @Nullable HealthMaintenance exit() {
		On before = this.on;
		if (before == null) {
			return null;
		}
		this.on = null;
		this.listener.changed(before.maintenance(), null, this.clock.instant());
		return before.maintenance();
	}

	/**
	 * Sets what is told of each change, under this object's lock, in order; it must only queue (the engine hands it
	 * to its notifier).
	 * @param listener the listener
	 */
	void onChange(Listener listener) {
		this.listener = listener;
	}

	/**
	 * Adds the maintenance entry to a group's entries while the instance is in maintenance.
	 * @param group the group, or {@code null} for the overall aggregation
	 * @param into the map to add it to
	 */
	void addEntries(@Nullable String group, Map<String, CheckOutcome> into) {
		On on = this.on;
		if (on != null && (group == null || this.groups.contains(group))) {
			into.put(MAINTENANCE_STATE, on.entry());
		}
	}

	/** Told of each change of the maintenance. */
	@FunctionalInterface
	interface Listener {

		void changed(@Nullable HealthMaintenance previous, @Nullable HealthMaintenance current, Instant at);

	}

	/** The maintenance and its entry, the same instance while neither changes (a group's snapshot is then reused). */
	private record On(HealthMaintenance maintenance, CheckOutcome entry) {
	}

}
