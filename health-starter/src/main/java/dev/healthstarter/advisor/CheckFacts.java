package dev.healthstarter.advisor;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What the advisor knows of one check: its groups, its timeout, whether a probe waits for it, and its measured
 * latency. Immutable and thread-safe.
 *
 * @param name the check's name
 * @param groups its groups
 * @param timeout its timeout ({@code health.checks.<name>.timeout})
 * @param onDemand whether it runs when a probe asks (no {@code interval}), so that a probe may wait for it; a check
 * run in the background answers a probe from its latest result at once
 * @param p99 the 99th percentile of its recent calls' durations, or {@code null} before its first call
 */
public record CheckFacts(String name, Set<String> groups, Duration timeout, boolean onDemand, @Nullable Duration p99) {

	/**
	 * Creates the facts of a check.
	 * @param name the check's name
	 * @param groups its groups (copied)
	 * @param timeout its timeout
	 * @param onDemand whether it runs when a probe asks
	 * @param p99 the 99th percentile of its recent calls' durations, or {@code null}
	 */
	public CheckFacts {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(timeout, "timeout must not be null");
		groups = Set.copyOf(groups);
	}

	/**
	 * @return how long a probe may wait for this check: its timeout, or its p99 when that is longer
	 */
	public Duration worstWait() {
		return (this.p99 != null && this.p99.compareTo(this.timeout) > 0) ? this.p99 : this.timeout;
	}

}
