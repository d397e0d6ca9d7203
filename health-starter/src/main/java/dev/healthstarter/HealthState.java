package dev.healthstarter;

import java.util.Locale;

/**
 * State of one health check or of an aggregation of checks, ordered from best to worst:
 * {@code HEALTHY < DEGRADED < UNHEALTHY}.
 * <p>
 * Aggregation takes the worst state ({@link #worse(HealthState)}). JSON and Prometheus tags use the
 * lowercase {@link #value()} ({@code "healthy"}, {@code "degraded"}, {@code "unhealthy"}), the three
 * states of .NET's {@code HealthStatus}. Immutable and thread-safe.
 */
public enum HealthState {

	/** Working as expected. */
	HEALTHY,

	/** Working, but with reduced capacity or quality; still serves traffic (HTTP 200 by default). */
	DEGRADED,

	/** Not working; probes answer HTTP 503 by default. */
	UNHEALTHY;

	private final String value = name().toLowerCase(Locale.ROOT);

	/**
	 * Lowercase name used in JSON bodies and metric tags.
	 * @return {@code "healthy"}, {@code "degraded"} or {@code "unhealthy"}
	 */
	public String value() {
		return this.value;
	}

	/**
	 * The worse of this state and another.
	 * @param other the state to compare with, not {@code null}
	 * @return {@code other} when it is worse than this state, otherwise this state
	 */
	public HealthState worse(HealthState other) {
		return (other.compareTo(this) > 0) ? other : this;
	}

}
