package dev.healthstarter.core;

import java.time.Clock;
import java.util.Collections;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every {@link CheckRunner} of one engine shares; all of it is owned by the engine.
 *
 * @param probeChecks runs the calls of checks in the liveness, readiness or startup group
 * @param otherChecks runs the calls of every other check, so that these never hold a thread a probe's check waits for
 * @param scheduler fires timeouts and background runs (never runs a check)
 * @param notifier delivers notifications in order
 * @param limits cuts messages and writes details
 * @param clock the clock for timestamps
 * @param cacheTtlNanos how long a result is reused, in nanoseconds
 */
record EngineServices(CheckExecutor probeChecks, CheckExecutor otherChecks, ScheduledExecutorService scheduler,
		HealthNotifier notifier, ResultLimits limits, Clock clock, long cacheTtlNanos) {

	/**
	 * The threads a check's calls run on: those of the probe groups' checks when it is in one of them.
	 * @param settings the check's settings
	 * @return its executor
	 */
	CheckExecutor executorFor(CheckSettings settings) {
		return Collections.disjoint(settings.groups(), HealthGroups.BUILT_IN) ? this.otherChecks : this.probeChecks;
	}

}
