package dev.healthstarter.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * How the engine runs and aggregates one check; bound from {@code health.checks.<name>.*}.
 *
 * @param timeout how long one call of the check may take before it is reported unhealthy; positive
 * @param groups the groups the check belongs to (for example {@code readiness}); never {@code null}
 * @param critical whether the check can make its groups unhealthy; a non-critical check contributes at worst
 * {@code degraded}
 * @param enabled whether the check runs at all; a disabled check is neither run nor shown
 * @param failureThreshold consecutive results in a worse state before the reported state worsens; at least 1
 * @param successThreshold consecutive results in a better state before the reported state improves; at least 1
 * @param interval how often the check runs in the background, or {@code null} to run it on demand (cached for
 * {@code health.cache-ttl})
 * @param maxAge with an interval, the age past which the latest result is reported unhealthy; {@code null} means
 * three intervals
 * @param spread with an interval, whether the background runs start at a random point within the first interval
 * rather than at once, so that many checks registered together (HTTP targets) run spread over the interval, as
 * Prometheus spreads its scrapes, instead of all in the same instant
 */
public record CheckSettings(Duration timeout, Set<String> groups, boolean critical, boolean enabled,
		int failureThreshold, int successThreshold, @Nullable Duration interval, @Nullable Duration maxAge,
		boolean spread) {

	/** The default membership of a check: dependencies gate traffic, they do not restart pods. */
	public static final Set<String> DEFAULT_GROUPS = Set.of(HealthGroups.READINESS);

	/**
	 * Validates and copies the settings.
	 * @param timeout how long one call of the check may take before it is reported unhealthy; positive
	 * @param groups the groups the check belongs to (for example {@code readiness}); never {@code null}
	 * @param critical whether the check can make its groups unhealthy; a non-critical check contributes at worst {@code
	 * degraded}
	 * @param enabled whether the check runs at all; a disabled check is neither run nor shown
	 * @param failureThreshold consecutive results in a worse state before the reported state worsens; at least 1
	 * @param successThreshold consecutive results in a better state before the reported state improves; at least 1
	 * @param interval how often the check runs in the background, or {@code null} to run it on demand (cached for
	 * {@code health.cache-ttl})
	 * @param maxAge with an interval, the age past which the latest result is reported unhealthy; {@code null} means
	 * three intervals
	 * @param spread with an interval, whether the background runs start at a random point within the first interval
	 * rather than at once
	 * @throws IllegalArgumentException if {@code timeout} or {@code interval} is not positive, a threshold is
	 * below 1, or a group name is reserved ({@link HealthGroups#RESERVED})
	 */
	public CheckSettings {
		Objects.requireNonNull(timeout, "timeout must not be null");
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive, was " + timeout);
		}
		if (interval != null && (interval.isNegative() || interval.isZero())) {
			throw new IllegalArgumentException("interval must be positive, was " + interval);
		}
		if (interval != null && maxAge == null) {
			maxAge = interval.multipliedBy(3);
		}
		if (failureThreshold < 1 || successThreshold < 1) {
			throw new IllegalArgumentException("thresholds must be at least 1, were " + failureThreshold + " and "
					+ successThreshold);
		}
		for (String group : groups) {
			if (HealthGroups.RESERVED.contains(group)) {
				throw new IllegalArgumentException("Group name '" + group + "' is reserved: " + HealthGroups.RESERVED
						+ " are paths of their own under the health base path");
			}
		}
		groups = Set.copyOf(groups);
	}

	/**
	 * Settings whose background runs, if any, start at once.
	 * @param timeout how long one call of the check may take before it is reported unhealthy; positive
	 * @param groups the groups the check belongs to (for example {@code readiness}); never {@code null}
	 * @param critical whether the check can make its groups unhealthy
	 * @param enabled whether the check runs at all
	 * @param failureThreshold consecutive results in a worse state before the reported state worsens; at least 1
	 * @param successThreshold consecutive results in a better state before the reported state improves; at least 1
	 * @param interval how often the check runs in the background, or {@code null} to run it on demand
	 * @param maxAge with an interval, the age past which the latest result is reported unhealthy; {@code null} means
	 * three intervals
	 * @throws IllegalArgumentException as the canonical constructor
	 */
	public CheckSettings(Duration timeout, Set<String> groups, boolean critical, boolean enabled, int failureThreshold,
			int successThreshold, @Nullable Duration interval, @Nullable Duration maxAge) {
		this(timeout, groups, critical, enabled, failureThreshold, successThreshold, interval, maxAge, false);
	}

	/**
	 * Settings without flap damping (both thresholds 1).
	 * @param timeout how long one call may take
	 * @param groups the check's groups
	 * @param critical whether the check can make its groups unhealthy
	 * @param enabled whether the check runs
	 */
	public CheckSettings(Duration timeout, Set<String> groups, boolean critical, boolean enabled) {
		this(timeout, groups, critical, enabled, 1, 1, null, null);
	}

	/**
	 * These settings run in the background, spread: one of many checks built from configuration (HTTP targets).
	 * @param timeout how long one call may take
	 * @param interval how often the check runs, used unless these settings already have an interval
	 * @return the settings
	 */
	public CheckSettings inBackground(Duration timeout, Duration interval) {
		Duration every = (this.interval != null) ? this.interval : interval;
		Duration maxAge = (this.interval != null) ? this.maxAge : null;
		return new CheckSettings(timeout, this.groups, this.critical, this.enabled, this.failureThreshold,
				this.successThreshold, every, maxAge, true);
	}

}
