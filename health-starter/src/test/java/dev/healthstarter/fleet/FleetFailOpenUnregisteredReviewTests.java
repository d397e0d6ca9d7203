package dev.healthstarter.fleet;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthFleetFailOpenEvent;
import dev.healthstarter.HealthState;
import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckOutcome;
import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.ResultLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Review of FleetFailOpen (its decisions and its wiring in HealthFleetAutoConfiguration): a
 * decision is taken again only when a peer's state or a check's report here changes, or a delay ends. A check that
 * fails open and is then unregistered (a target removed from the targets file) changes neither, so it stays in
 * {@code failing} with no end logged or published, {@code failingOpen()} still counts it, and a check registered again
 * under that name (a target whose URL changed) fails open from its first report, though it was never healthy here.
 * Wired as the auto-configuration wires it, on a real engine. Failed at 2c8884b: still failing open 3 s after the
 * unregistration, no end event.
 */
@Timeout(60)
class FleetFailOpenUnregisteredReviewTests {

	private volatile boolean healthy = true;

	private final HealthEngine engine = new HealthEngine(Map.of(),
			(name) -> new CheckSettings(Duration.ofSeconds(1), Set.of("liveness", "readiness"), true, true, 1, 1, null,
					null),
			Duration.ofMillis(1), 2, ResultLimits.DEFAULTS, new AvailabilityStates(null, Clock.systemUTC()),
			Clock.systemUTC());

	@AfterEach
	void close() {
		this.engine.close();
	}

	@Test
	void aCheckFailingOpenThatIsUnregisteredStopsFailingOpen() {
		this.engine.register("db", () -> this.healthy ? HealthCheckResult.healthy() : HealthCheckResult.unhealthy("down"));
		Fleet fleet = new Fleet(() -> this.engine.latest(null), 0.5, Clock.systemUTC());
		fleet.membership("self:1", 3, List.of("a:1", "b:1"));
		List<HealthFleetFailOpenEvent> events = Collections.synchronizedList(new ArrayList<>());
		FleetFailOpen policy = new FleetFailOpen(fleet,
				new FleetFailOpen.Settings(0.5, 3, Set.of("readiness"), Duration.ZERO), this.engine,
				(event) -> events.add((HealthFleetFailOpenEvent) event));
		// as HealthFleetAutoConfiguration.healthStarterFleetFailOpen
		this.engine.failOpen(policy);
		fleet.addListener(this.engine::failOpenChanged);
		this.engine.addListener(policy);
		this.engine.evaluate("readiness").join();
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			CheckOutcome outcome = this.engine.latestOutcome("db");
			return outcome != null && outcome.state() == HealthState.HEALTHY;
		});
		Map<String, HealthState> unhealthy = Map.of("db", HealthState.UNHEALTHY);
		fleet.report("a:1", HealthState.UNHEALTHY, unhealthy);
		fleet.report("b:1", HealthState.UNHEALTHY, unhealthy);
		this.healthy = false;
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			this.engine.evaluate("readiness").join();
			return policy.isFailingOpen("db");
		});
		this.engine.unregister("db");
		await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
		assertThat(policy.failingOpen())
			.as("checks failing open 3 s after the only one was unregistered; events %s",
					events.stream().map(HealthFleetFailOpenEvent::isFailingOpen).toList())
			.isZero();
	}

}
