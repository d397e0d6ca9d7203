package dev.healthstarter.core;

import java.util.Set;

/**
 * Rules for check names: derived from bean names, validated on registration.
 */
public final class CheckNames {

	/** Names of the entries that report Spring's availability states, which checks may not take. */
	public static final Set<String> RESERVED = Set.of(AvailabilityStates.LIVENESS_STATE,
			AvailabilityStates.READINESS_STATE, AvailabilityStates.STARTUP_STATE);

	private static final String SUFFIX = "HealthCheck";

	private CheckNames() {
	}

	/**
	 * The check name for a bean: its name without a {@code HealthCheck} suffix ({@code redisHealthCheck} is
	 * {@code redis}); a bean named just {@code HealthCheck} keeps its name.
	 * @param beanName the bean's name
	 * @return the check's name
	 */
	public static String fromBeanName(String beanName) {
		boolean stripped = beanName.length() > SUFFIX.length() && beanName.endsWith(SUFFIX);
		return stripped ? beanName.substring(0, beanName.length() - SUFFIX.length()) : beanName;
	}

	/**
	 * Checks a name before registration.
	 * @param name the candidate
	 * @throws IllegalArgumentException if it is not 1 to 64 letters, digits, {@code -}, {@code _} or {@code .}, or is
	 * reserved
	 */
	static void requireValid(String name) {
		if (name == null || !HealthGroups.isValidName(name)) {
			throw new IllegalArgumentException("Invalid health check name '" + name
					+ "': use 1 to 64 letters, digits, '-', '_' or '.'");
		}
		if (RESERVED.contains(name)) {
			throw new IllegalArgumentException("Health check name '" + name + "' is reserved");
		}
	}

}
