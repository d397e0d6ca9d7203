package dev.healthstarter.core;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import dev.healthstarter.HealthCheck;
import org.junit.jupiter.api.AfterEach;

/**
 * What the engine's test classes share: the checks and settings a test declares, engines built from them and
 * closed after each test, and a latch that releases hung checks.
 */
abstract class EngineTestSupport {

	final Map<String, HealthCheck> checks = new HashMap<>();

	final Map<String, CheckSettings> settings = new HashMap<>();

	final List<HealthEngine> engines = new ArrayList<>();

	final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void closeEngines() {
		this.release.countDown();
		this.engines.forEach(HealthEngine::close);
	}

	/** An engine of the declared checks, each with its declared settings or {@link #onDemand} 1 s. */
	HealthEngine engine(Duration cacheTtl, int maxThreads) {
		HealthEngine engine = new HealthEngine(this.checks,
				(name) -> this.settings.getOrDefault(name, onDemand(Duration.ofSeconds(1))), cacheTtl, maxThreads,
				ResultLimits.DEFAULTS, new AvailabilityStates(null, Clock.systemUTC()), Clock.systemUTC());
		this.engines.add(engine);
		return engine;
	}

	/** An engine on four threads that runs every check it is given with the same settings. */
	HealthEngine engine(Duration cacheTtl, CheckSettings every) {
		HealthEngine engine = new HealthEngine(Map.of(), (name) -> every, cacheTtl, 4, ResultLimits.DEFAULTS,
				new AvailabilityStates(null, Clock.systemUTC()), Clock.systemUTC());
		this.engines.add(engine);
		return engine;
	}

	/** A critical check in the default groups, run on demand. */
	static CheckSettings onDemand(Duration timeout) {
		return new CheckSettings(timeout, CheckSettings.DEFAULT_GROUPS, true, true);
	}

	/** A critical check in the default groups, run in the background with a timeout of 1 s. */
	static CheckSettings background(Duration interval, Duration maxAge) {
		return new CheckSettings(Duration.ofSeconds(1), CheckSettings.DEFAULT_GROUPS, true, true, 1, 1, interval, maxAge);
	}

}
