package dev.healthstarter.actuator;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.healthstarter.HealthState;
import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.ResultLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.DefaultHealthContributorRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN.md says an accelerated Actuator indicator "answers with its own Health exactly as its
 * last evaluation produced it; only a timeout or a failure to evaluate is the starter's". With flap damping on the
 * check ({@code health.checks.db.failure-threshold=2}), a damped call's Health is dropped and Actuator is shown a
 * Health the starter made up: the old status (UP) with the new answer's details and a starter note under
 * {@code error}, a body Actuator alone never gives.
 */
class DampedActuatorViewTests {

	private HealthEngine engine;

	@AfterEach
	void close() {
		this.engine.close();
	}

	@Test
	void aDampedCallShowsActuatorAHealthOfTheIndicator() {
		this.engine = new HealthEngine(Map.of(),
				(name) -> new CheckSettings(Duration.ofSeconds(1), CheckSettings.DEFAULT_GROUPS, true, true, 2, 1, null,
						null),
				Duration.ZERO, 4, ResultLimits.DEFAULTS, new AvailabilityStates(null, Clock.systemUTC()),
				Clock.systemUTC());
		AtomicReference<Health> next = new AtomicReference<>(Health.up().withDetail("pool", "ok").build());
		DefaultHealthContributorRegistry registry = new DefaultHealthContributorRegistry();
		registry.registerContributor("db", (HealthIndicator) next::get);
		new ActuatorHealthBridge(this.engine, registry, null, ActuatorStatusMapping.DEFAULTS, ExportedStatuses.DEFAULTS, true,
				ActuatorRequestScope.ALL)
			.afterSingletonsInstantiated();
		HealthIndicator view = (HealthIndicator) registry.getContributor("db");
		assertThat(view).isInstanceOf(CheckHealthIndicator.class);
		assertThat(view.health()).isSameAs(next.get());
		Health down = Health.down().withDetail("pool", "exhausted").build();
		next.set(down);
		Health shown = view.health();
		assertThat(this.engine.latestOutcome("db").state()).as("damped in /health").isEqualTo(HealthState.HEALTHY);
		Health previous = Health.up().withDetail("pool", "ok").build();
		assertThat(shown).as("an indicator's own Health (the last, or the one that gave the reported state)")
			.isIn(down, previous);
	}


}
