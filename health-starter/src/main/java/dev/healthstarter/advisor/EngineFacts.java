package dev.healthstarter.advisor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.HealthEngine;

/**
 * The application's facts as they are now: the engine's checks (groups, timeouts, whether they run on demand) with
 * their measured p99, the start-up time, and the shutdown settings. Reads what is recorded; never runs a check.
 * Thread-safe.
 */
public final class EngineFacts implements Supplier<ApplicationFacts> {

	private final HealthEngine engine;

	private final CheckLatencies latencies;

	private final StartupTime startupTime;

	private final Duration drainDelay;

	private final Duration shutdownPhaseTimeout;

	/**
	 * @param engine the checks, their groups and the settings each runs with (its timeout and interval)
	 * @param latencies the measured durations
	 * @param startupTime the measured start-up time
	 * @param drainDelay {@code health.shutdown.drain-delay}
	 * @param shutdownPhaseTimeout {@code spring.lifecycle.timeout-per-shutdown-phase}
	 */
	public EngineFacts(HealthEngine engine, CheckLatencies latencies, StartupTime startupTime, Duration drainDelay,
			Duration shutdownPhaseTimeout) {
		this.engine = engine;
		this.latencies = latencies;
		this.startupTime = startupTime;
		this.drainDelay = drainDelay;
		this.shutdownPhaseTimeout = shutdownPhaseTimeout;
	}

	@Override
	public ApplicationFacts get() {
		List<CheckFacts> checks = new ArrayList<>();
		for (String name : this.engine.checkNames()) {
			CheckSettings settings = this.engine.settingsOf(name);
			if (settings != null) {
				checks.add(new CheckFacts(name, this.engine.groupsOf(name), settings.timeout(),
						settings.interval() == null, this.latencies.p99(name)));
			}
		}
		return new ApplicationFacts(checks, this.startupTime.get(), this.drainDelay, this.shutdownPhaseTimeout);
	}

}
