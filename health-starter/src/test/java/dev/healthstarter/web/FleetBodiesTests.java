package dev.healthstarter.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import dev.healthstarter.HealthState;
import dev.healthstarter.core.HealthSnapshot;
import dev.healthstarter.fleet.Fleet;
import dev.healthstarter.fleet.FleetSnapshot;
import dev.healthstarter.fleet.InstanceState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet's JSON for each caller: every instance by key for one who sees the checks, the status and the instances
 * counted by state for one who does not, with signatures that change exactly when what the caller sees changes.
 */
class FleetBodiesTests {

	private static final Instant SINCE = Instant.parse("2026-01-02T03:04:05Z");

	private final FleetBodies bodies = new FleetBodies(
			new Fleet(() -> new HealthSnapshot(HealthState.HEALTHY, Map.of(), Set.of()), 0.5, Clock.systemUTC()),
			new HealthJson());

	@Test
	void aCallerWhoSeesNoChecksGetsTheStatusAndCountsAndNoInstanceKey() {
		String body = json(fleet(HealthState.HEALTHY, null), false);
		assertThat(body).isEqualTo("{\"status\":\"degraded\",\"healthy\":1,\"degraded\":0,\"unhealthy\":0,"
				+ "\"unknown\":1,\"maintenance\":0,\"watched\":1,\"members\":2}");
	}

	@Test
	void aCallerWhoSeesTheChecksGetsEveryInstanceBesideTheCounts() {
		String body = json(fleet(HealthState.HEALTHY, null), true);
		assertThat(body).startsWith("{\"status\":\"degraded\",\"healthy\":1,\"degraded\":0,\"unhealthy\":0,"
				+ "\"unknown\":1,\"maintenance\":0,\"instances\":{\"10.1.2.3:8080\":{\"status\":\"healthy\",\"checks\":{\"db\":\"healthy\"}")
			.contains("\"10.1.2.4:8080\":{\"status\":\"unknown\",\"checks\":{\"db\":\"unhealthy\"}")
			.endsWith(",\"checks\":{\"db\":{\"healthy\":1}},\"watched\":1,\"members\":2}");
	}

	@Test
	void theCountsSignatureChangesWithTheCountsNotWithWhichInstanceIsInWhichState() {
		FleetSnapshot before = fleet(HealthState.HEALTHY, null);
		FleetSnapshot swapped = fleet(null, HealthState.HEALTHY);
		FleetSnapshot worse = fleet(HealthState.UNHEALTHY, null);
		assertThat(FleetBodies.signature(swapped, false)).isEqualTo(FleetBodies.signature(before, false));
		assertThat(FleetBodies.signature(swapped, true)).isNotEqualTo(FleetBodies.signature(before, true));
		assertThat(FleetBodies.signature(worse, false)).isNotEqualTo(FleetBodies.signature(before, false));
	}

	private String json(FleetSnapshot snapshot, boolean components) {
		return new String(this.bodies.json(snapshot, components), StandardCharsets.UTF_8);
	}

	/** Two instances, {@code 10.1.2.3:8080} (this one) and {@code 10.1.2.4:8080}; {@code null} is unknown. */
	private static FleetSnapshot fleet(HealthState first, HealthState second) {
		return new FleetSnapshot(HealthState.DEGRADED,
				Map.of("10.1.2.3:8080", instance(first, true), "10.1.2.4:8080", instance(second, false)),
				Map.of("db", Map.of("healthy", 1)), 1, 2);
	}

	private static InstanceState instance(HealthState state, boolean self) {
		Map<String, HealthState> checks = Map.of("db", (state != null) ? state : HealthState.UNHEALTHY);
		return new InstanceState(state, checks, SINCE, (state != null) ? SINCE : null, self);
	}

}
