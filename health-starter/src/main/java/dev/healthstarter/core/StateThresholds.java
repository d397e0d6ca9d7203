package dev.healthstarter.core;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import org.jspecify.annotations.Nullable;

/**
 * Flap damping of one check (Dropwizard's and .NET's "failure threshold"): the reported state changes only after
 * {@code failureThreshold} consecutive real results in a worse state, or {@code successThreshold} consecutive real
 * results in a better one. Until then the state reported so far is kept, with the latest message and a note
 * counting the streak. The first result is reported as it is; with both thresholds at 1 every result passes
 * unchanged. Only real results are counted, but they are compared with what the check reported, derived reports
 * (stale, still running) included, so a stale report is never followed by a damped flip back. Not thread-safe: the
 * runner calls it under its lock.
 */
final class StateThresholds {

	private final int failureThreshold;

	private final int successThreshold;

	private @Nullable HealthState candidate;

	private int streak;

	StateThresholds(int failureThreshold, int successThreshold) {
		this.failureThreshold = failureThreshold;
		this.successThreshold = successThreshold;
	}

	/**
	 * @param reported the state the check reports now, or {@code null} before its first result
	 * @param result the check's latest real result
	 * @return the result to report
	 */
	HealthCheckResult apply(@Nullable HealthState reported, HealthCheckResult result) {
		HealthState state = result.state();
		if (reported == null || state == reported) {
			this.candidate = null;
			this.streak = 0;
			return result;
		}
		this.streak = (state == this.candidate) ? this.streak + 1 : 1;
		this.candidate = state;
		int needed = (state.compareTo(reported) > 0) ? this.failureThreshold : this.successThreshold;
		if (this.streak >= needed) {
			this.candidate = null;
			this.streak = 0;
			return result;
		}
		String note = state.value() + " " + this.streak + " of " + needed + " times in a row, still reported "
				+ reported.value();
		String message = (result.message() != null) ? result.message() + " (" + note + ")" : note;
		return new HealthCheckResult(reported, message, result.details());
	}

}
