package dev.healthstarter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Immutable result of one run of a {@link HealthCheck}: a {@link HealthState}, an optional human-readable
 * message and optional details.
 * <p>
 * {@code details} is a read-only copy whose values are written to JSON as they are (keep them small: numbers,
 * strings, booleans); it is never {@code null}. Instances are immutable and thread-safe; {@link #withDetail}
 * returns a new instance.
 *
 * @param state the state, never {@code null}
 * @param message why the check is in this state, or {@code null}
 * @param details extra values shown under {@code details} in the JSON body, in insertion order
 */
public record HealthCheckResult(HealthState state, @Nullable String message, Map<String, Object> details) {

	/**
	 * Creates a result, copying {@code details}.
	 * @param state the state, never {@code null}
	 * @param message why the check is in this state, or {@code null}
	 * @param details extra values shown under {@code details} in the JSON body, in insertion order
	 * @throws NullPointerException if {@code state} or {@code details} is {@code null}
	 */
	public HealthCheckResult {
		Objects.requireNonNull(state, "state must not be null");
		details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
	}

	/**
	 * A result with no details.
	 * @param state the state, not {@code null}
	 * @param message the message, or {@code null}
	 * @return the result
	 */
	public static HealthCheckResult of(HealthState state, @Nullable String message) {
		return new HealthCheckResult(state, message, Map.of());
	}

	/** @return a {@link HealthState#HEALTHY} result with no message */
	public static HealthCheckResult healthy() {
		return of(HealthState.HEALTHY, null);
	}

	/**
	 * @param message the message, or {@code null}
	 * @return a {@link HealthState#HEALTHY} result
	 */
	public static HealthCheckResult healthy(@Nullable String message) {
		return of(HealthState.HEALTHY, message);
	}

	/**
	 * @param message why the check is degraded, or {@code null}
	 * @return a {@link HealthState#DEGRADED} result
	 */
	public static HealthCheckResult degraded(@Nullable String message) {
		return of(HealthState.DEGRADED, message);
	}

	/**
	 * @param message why the check is unhealthy, or {@code null}
	 * @return an {@link HealthState#UNHEALTHY} result
	 */
	public static HealthCheckResult unhealthy(@Nullable String message) {
		return of(HealthState.UNHEALTHY, message);
	}

	/**
	 * A copy of this result with one more detail (replacing an existing one of the same key).
	 * @param key the detail's name, not {@code null}
	 * @param value the detail's value, not {@code null}
	 * @return a new result
	 */
	public HealthCheckResult withDetail(String key, Object value) {
		Map<String, Object> copy = new LinkedHashMap<>(this.details);
		copy.put(Objects.requireNonNull(key, "key must not be null"), Objects.requireNonNull(value, "value must not be null"));
		return new HealthCheckResult(this.state, this.message, copy);
	}

}
