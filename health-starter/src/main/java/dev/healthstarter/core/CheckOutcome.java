package dev.healthstarter.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;

/**
 * What one evaluation of a check produced, with when it finished and how long it took. Immutable and
 * thread-safe.
 *
 * @param result the check's result (a failure, {@code null} or timeout already turned into an unhealthy
 * result)
 * @param checkedAt when the evaluation finished
 * @param duration how long the evaluation took; for a timeout, the timeout
 */
public record CheckOutcome(HealthCheckResult result, Instant checkedAt, Duration duration) {

	public CheckOutcome {
		Objects.requireNonNull(result, "result must not be null");
		Objects.requireNonNull(checkedAt, "checkedAt must not be null");
		Objects.requireNonNull(duration, "duration must not be null");
	}

	/** @return the result's state */
	public HealthState state() {
		return this.result.state();
	}

}
