package dev.healthstarter.core;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import org.jspecify.annotations.Nullable;

/**
 * Flap damping of one check (Dropwizard's and .NET's "failure threshold"): the reported state changes only after
 * {@code failureThreshold} consecutive results in a worse state, or {@code successThreshold} consecutive results in
 * a better one. Until then the previous state is reported, with the latest message and a note counting the
 * streak. The first result is reported as it is. With both thresholds at 1 every result passes unchanged.
 * Thread-safe.
 */
final class StateThresholds {

	private final int failureThreshold;

	private final int successThreshold;

	private @Nullable HealthState reported;

	private @Nullable HealthState candidate;

	private int streak;

	StateThresholds(int failureThreshold, int successThreshold) {
		this.failureThreshold = failureThreshold;
		this.successThreshold = successThreshold;
	}

	/**
	 * @param result the check's latest raw result
	 * @return the result to report
	 */
	synchronized HealthCheckResult apply(HealthCheckResult result) {
		HealthState state = result.state();
		if (this.reported == null || state == this.reported) {
			this.reported = state;
			this.candidate = null;
			this.streak = 0;
			return result;
		}
		this.streak = (state == this.candidate) ? this.streak + 1 : 1;
		this.candidate = state;
		int needed = (state.compareTo(this.reported) > 0) ? this.failureThreshold : this.successThreshold;
		if (this.streak >= needed) {
			this.reported = state;
			this.candidate = null;
			this.streak = 0;
			return result;
		}
		String note = state.value() + " " + this.streak + " of " + needed + " times in a row, still reported "
				+ this.reported.value();
		String message = (result.message() != null) ? result.message() + " (" + note + ")" : note;
		return new HealthCheckResult(this.reported, message, result.details());
	}

}
