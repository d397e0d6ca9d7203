package dev.healthstarter.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.healthstarter.HealthMaintenance;
import dev.healthstarter.HealthState;
import org.jspecify.annotations.Nullable;

/**
 * The aggregated state of a group at one moment: the worst contribution of its checks ({@code healthy} when it
 * has none) and what each check reports, checks sorted by name and availability entries last. A snapshot carries
 * what is computed from it (its serialized bodies, its change signature), computed once however many probes and
 * stream subscribers read it; while nothing in a group changes, the engine hands out the same snapshot. Immutable
 * apart from those memos, and thread-safe.
 */
public final class HealthSnapshot {

	private final HealthState status;

	private final Map<String, CheckOutcome> checks;

	private final Set<String> nonCritical;

	private final Map<String, String> failingOpen;

	private final Map<Object, Object> derived = new ConcurrentHashMap<>(4);

	/**
	 * A snapshot whose checks are all critical.
	 * @param status the aggregated state
	 * @param checks what each check reports, by name (copied)
	 */
	public HealthSnapshot(HealthState status, Map<String, CheckOutcome> checks) {
		this(status, checks, Set.of());
	}

	/**
	 * @param status the aggregated state
	 * @param checks what each check reports, by name (copied)
	 * @param nonCritical the names of the checks that contribute at worst {@code degraded}
	 * ({@code health.checks.<name>.critical=false}; copied)
	 */
	public HealthSnapshot(HealthState status, Map<String, CheckOutcome> checks, Set<String> nonCritical) {
		this(status, checks, nonCritical, Map.of());
	}

	/**
	 * @param status the aggregated state
	 * @param checks what each check reports, by name (copied)
	 * @param nonCritical the names of the checks that contribute at worst {@code degraded}
	 * ({@code health.checks.<name>.critical=false}; copied)
	 * @param failingOpen the unhealthy checks that contribute {@code degraded} because they fail on much of the
	 * fleet, with why ({@link FailOpen}; copied)
	 */
	public HealthSnapshot(HealthState status, Map<String, CheckOutcome> checks, Set<String> nonCritical,
			Map<String, String> failingOpen) {
		this.status = Objects.requireNonNull(status, "status must not be null");
		this.checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
		this.nonCritical = Set.copyOf(nonCritical);
		this.failingOpen = Map.copyOf(failingOpen);
	}

	/** @return the aggregated state */
	public HealthState status() {
		return this.status;
	}

	/** @return what each check reports, by name; unmodifiable */
	public Map<String, CheckOutcome> checks() {
		return this.checks;
	}

	/**
	 * @return the names of the checks that contribute at worst {@code degraded}; unmodifiable
	 */
	public Set<String> nonCritical() {
		return this.nonCritical;
	}

	/**
	 * @return the unhealthy checks that this group counts as {@code degraded} because they fail on much of the fleet,
	 * with why (for example {@code "unhealthy on 4 of 5 instances"}); unmodifiable
	 */
	public Map<String, String> failingOpen() {
		return this.failingOpen;
	}

	/**
	 * @return the instance's maintenance as this group shows it (its {@link MaintenanceMode#MAINTENANCE_STATE} entry),
	 * or {@code null} when the group shows none
	 */
	public @Nullable HealthMaintenance maintenance() {
		CheckOutcome entry = this.checks.get(MaintenanceMode.MAINTENANCE_STATE);
		return (entry != null && entry.message() != null) ? new HealthMaintenance(entry.message(), entry.since()) : null;
	}

	/**
	 * A value computed from this snapshot once per key (for example a serialized body), then shared.
	 * @param <T> the value's type
	 * @param key what is computed, equal for equal computations (the function must depend on the key only)
	 * @param computation computes the value; must not run user code
	 * @return the value
	 */
	@SuppressWarnings("unchecked")
	public <T> T derive(Object key, Function<HealthSnapshot, T> computation) {
		return (T) this.derived.computeIfAbsent(key, (ignored) -> computation.apply(this));
	}

	/**
	 * The states and messages the snapshot shows (durations and timestamps left out), for spotting changes.
	 * @param withChecks whether the checks' names and states count, or only the aggregated state (and the
	 * maintenance's reason, which every caller sees)
	 * @param withMessages whether the checks' messages count too
	 * @return a string equal for two snapshots exactly when they show the same states (and messages)
	 */
	public String signature(boolean withChecks, boolean withMessages) {
		if (!withChecks) {
			return derive(Signature.STATUS, (snapshot) -> {
				HealthMaintenance maintenance = snapshot.maintenance();
				return (maintenance != null) ? snapshot.status.value() + "|maintenance:" + maintenance.reason()
						: snapshot.status.value();
			});
		}
		return derive(withMessages ? Signature.MESSAGES : Signature.STATES, (snapshot) -> {
			StringBuilder text = new StringBuilder(snapshot.status.value());
			snapshot.checks.forEach((name, outcome) -> {
				text.append('|').append(name).append('=').append(outcome.state().value());
				String failing = snapshot.failingOpen.get(name);
				if (failing != null) {
					text.append('~').append(failing);
				}
				if (withMessages || name.equals(MaintenanceMode.MAINTENANCE_STATE)) {
					text.append(':').append(outcome.message());
				}
			});
			return text.toString();
		});
	}

	/** The keys of the signatures among the derived values. */
	private enum Signature {

		STATUS, STATES, MESSAGES

	}

}
