package dev.healthstarter.core;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names of the built-in groups and the rule for valid names. A group scopes the checks that one probe sees
 * (see the Kubernetes documentation, "Configure Liveness, Readiness and Startup Probes").
 */
public final class HealthGroups {

	/** Checks whose failure means the process must be restarted (Kubernetes {@code livenessProbe}). */
	public static final String LIVENESS = "liveness";

	/** Checks that gate traffic to the instance (Kubernetes {@code readinessProbe}); the default group. */
	public static final String READINESS = "readiness";

	/** Checks that must pass once before the other probes start (Kubernetes {@code startupProbe}). */
	public static final String STARTUP = "startup";

	/** Tag value of the overall aggregation ({@code GET /health}) in metrics. */
	public static final String ALL = "all";

	/** The built-in groups, which always exist. */
	public static final Set<String> BUILT_IN = Set.of(LIVENESS, READINESS, STARTUP);

	/**
	 * Names no group may take: they are paths of their own under the health base path ({@code /health/ui},
	 * {@code /health/history}, {@code /health/advice}, {@code /health/fleet}, {@code /health/maintenance}), which a
	 * group's {@code /health/{group}} would collide with.
	 */
	public static final Set<String> RESERVED = Set.of("ui", "history", "advice", "fleet", "maintenance");

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private HealthGroups() {
	}

	/**
	 * Whether a string is a valid check or group name: 1 to 64 letters, digits, {@code -}, {@code _},
	 * {@code .}.
	 * @param name the candidate
	 * @return {@code true} when valid
	 */
	public static boolean isValidName(String name) {
		return NAME.matcher(name).matches();
	}

}
