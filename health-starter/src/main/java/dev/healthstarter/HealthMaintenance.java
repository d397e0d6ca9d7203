package dev.healthstarter;

import java.time.Instant;
import java.util.Objects;

/**
 * An instance's maintenance mode as an operator set it ({@code PUT /health/maintenance}): while it is on, readiness
 * (and the groups of {@code health.maintenance.groups}) answers {@code unhealthy}, so load balancers and Kubernetes
 * take the instance out of rotation while it keeps running. It lives in memory: a restarted instance starts without
 * it. Immutable.
 *
 * @param reason why the instance is in maintenance, as the operator wrote it: at most 200 characters, no control
 * characters
 * @param since when it entered maintenance; a new reason keeps it
 */
public record HealthMaintenance(String reason, Instant since) {

	/** The longest reason accepted, in characters. */
	public static final int MAX_REASON_LENGTH = 200;

	/**
	 * Creates the state.
	 * @param reason why: not blank, at most {@value #MAX_REASON_LENGTH} characters, no control characters (it is
	 * logged and shown as written)
	 * @param since since when
	 * @throws IllegalArgumentException if {@code reason} is blank, too long or holds a control character
	 */
	public HealthMaintenance {
		Objects.requireNonNull(reason, "reason");
		Objects.requireNonNull(since, "since");
		if (reason.isBlank()) {
			throw new IllegalArgumentException("reason must not be blank");
		}
		if (reason.length() > MAX_REASON_LENGTH) {
			throw new IllegalArgumentException(
					"reason must be at most " + MAX_REASON_LENGTH + " characters, not " + reason.length());
		}
		if (reason.chars().anyMatch(Character::isISOControl)) {
			throw new IllegalArgumentException("reason must not contain control characters");
		}
	}

}
