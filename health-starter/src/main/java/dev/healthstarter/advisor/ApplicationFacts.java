package dev.healthstarter.advisor;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * What the application measured and is configured with, as the advisor's rules read it: its checks, how long it
 * took from the JVM's start to ready, its drain delay and Spring's shutdown phase timeout. Immutable and thread-safe.
 *
 * @param checks the enabled checks
 * @param startupTime how long the application took from the JVM's start to ready, or {@code null} before it is
 * ready
 * @param drainDelay how long readiness refuses traffic before the server stops ({@code health.shutdown.drain-delay})
 * @param shutdownPhaseTimeout how long Spring waits for each shutdown phase
 * ({@code spring.lifecycle.timeout-per-shutdown-phase})
 */
public record ApplicationFacts(List<CheckFacts> checks, @Nullable Duration startupTime, Duration drainDelay,
		Duration shutdownPhaseTimeout) {

	/**
	 * Creates the facts.
	 * @param checks the enabled checks (copied)
	 * @param startupTime how long the application took to be ready, or {@code null}
	 * @param drainDelay the drain delay
	 * @param shutdownPhaseTimeout Spring's shutdown phase timeout
	 */
	public ApplicationFacts {
		checks = List.copyOf(checks);
		Objects.requireNonNull(drainDelay, "drainDelay must not be null");
		Objects.requireNonNull(shutdownPhaseTimeout, "shutdownPhaseTimeout must not be null");
	}

	/**
	 * @param group a group's name
	 * @return the checks of that group
	 */
	public List<CheckFacts> members(String group) {
		return this.checks.stream().filter((check) -> check.groups().contains(group)).toList();
	}

	/**
	 * @param group a group's name
	 * @return the names of the checks of that group, sorted
	 */
	public Set<String> memberNames(String group) {
		Set<String> names = new TreeSet<>();
		members(group).forEach((check) -> names.add(check.name()));
		return names;
	}

}
