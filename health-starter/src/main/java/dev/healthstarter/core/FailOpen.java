package dev.healthstarter.core;

import org.jspecify.annotations.Nullable;

/**
 * Whether a group counts an unhealthy check as {@code degraded} because the check fails on much of the fleet
 * (readiness that fails open, DESIGN.md "Fleet"): when every replica shares an outage, taking them all out of
 * rotation helps no request. Asked by the engine for each critical check that is unhealthy when it aggregates a
 * group (never for {@code GET /health}'s overall aggregation, never for liveness unless configured). Implementations
 * are thread-safe and fast, and never evaluate the engine.
 */
@FunctionalInterface
public interface FailOpen {

	/** Never fails open. */
	FailOpen NEVER = (group, check) -> null;

	/**
	 * @param group the group being aggregated
	 * @param check an unhealthy critical check of that group, unhealthy on this instance too
	 * @return why the group counts it as {@code degraded} (for example {@code "unhealthy on 4 of 5 instances"}), or
	 * {@code null} when it counts it as {@code unhealthy}
	 */
	@Nullable String reason(String group, String check);

}
