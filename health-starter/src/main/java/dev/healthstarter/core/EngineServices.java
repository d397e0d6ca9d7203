package dev.healthstarter.core;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every {@link CheckRunner} of one engine shares; all of it is owned by the engine.
 *
 * @param executor runs the calls
 * @param scheduler fires timeouts and background runs (never runs a check)
 * @param notifier delivers notifications in order
 * @param limits cuts messages and writes details
 * @param clock the clock for timestamps
 * @param cacheTtlNanos how long a result is reused, in nanoseconds
 */
record EngineServices(CheckExecutor executor, ScheduledExecutorService scheduler, HealthNotifier notifier,
		ResultLimits limits, Clock clock, long cacheTtlNanos) {
}
