package dev.healthstarter.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How the engine runs and aggregates one check; bound from {@code health.checks.<name>.*}.
 *
 * @param timeout how long one call of the check may take before it is reported unhealthy; positive
 * @param groups the groups the check belongs to (for example {@code readiness}); never {@code null}
 * @param critical whether the check can make its groups unhealthy; a non-critical check contributes at worst
 * {@code degraded}
 * @param enabled whether the check runs at all; a disabled check is neither run nor shown
 */
public record CheckSettings(Duration timeout, Set<String> groups, boolean critical, boolean enabled) {

	/** The default membership of a check: dependencies gate traffic, they do not restart pods. */
	public static final Set<String> DEFAULT_GROUPS = Set.of(HealthGroups.READINESS);

	/**
	 * Validates and copies the settings.
	 * @throws IllegalArgumentException if {@code timeout} is not positive
	 */
	public CheckSettings {
		Objects.requireNonNull(timeout, "timeout must not be null");
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive, was " + timeout);
		}
		groups = Set.copyOf(groups);
	}

}
