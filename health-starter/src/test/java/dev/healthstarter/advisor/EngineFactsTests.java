package dev.healthstarter.advisor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckOutcome;
import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.ResultLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EngineFactsTests {

	private final Map<String, CheckSettings> settings = Map.of("db",
			new CheckSettings(Duration.ofSeconds(2), Set.of("liveness", "readiness"), true, true), "cache",
			new CheckSettings(Duration.ofMillis(300), Set.of("readiness"), true, true, 1, 1, Duration.ofSeconds(5),
					null));

	private final HealthEngine engine = new HealthEngine(checks(), this.settings::get, Duration.ZERO, 2,
			ResultLimits.DEFAULTS, new AvailabilityStates(null, Clock.systemUTC()), Clock.systemUTC());

	private final CheckLatencies latencies = new CheckLatencies();

	@AfterEach
	void close() {
		this.engine.close();
	}

	@Test
	void readsEachChecksGroupsTimeoutScheduleAndP99WithoutRunningIt() {
		Instant now = Instant.now();
		this.latencies.onCall("db", new CheckOutcome(HealthCheckResult.healthy(), now, Duration.ofMillis(40), now, null));
		ApplicationFacts facts = new EngineFacts(this.engine, this.latencies, new StartupTime(() -> 0),
				Duration.ofSeconds(10), Duration.ofSeconds(30)).get();
		assertThat(facts.checks()).containsExactly(
				new CheckFacts("cache", Set.of("readiness"), Duration.ofMillis(300), false, null),
				new CheckFacts("db", Set.of("liveness", "readiness"), Duration.ofSeconds(2), true, Duration.ofMillis(40)));
		assertThat(facts.memberNames("liveness")).containsExactly("db");
		assertThat(facts.startupTime()).isNull();
		assertThat(facts.drainDelay()).isEqualTo(Duration.ofSeconds(10));
		assertThat(facts.shutdownPhaseTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.engine.latestOutcome("db")).as("no check ran").isNull();
	}

	private static Map<String, HealthCheck> checks() {
		Map<String, HealthCheck> checks = new LinkedHashMap<>();
		checks.put("db", HealthCheck.of(() -> true));
		checks.put("cache", HealthCheck.of(() -> true));
		return checks;
	}

}
