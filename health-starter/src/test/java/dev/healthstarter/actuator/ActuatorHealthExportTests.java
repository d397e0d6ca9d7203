package dev.healthstarter.actuator;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.ResultLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.DefaultHealthContributorRegistry;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The export of checks into Actuator against a real engine and Actuator registry: it never removes what it did not
 * register, leaves disabled checks out, and one pass over Actuator's indicators outside a web request calls each
 * check once.
 */
class ActuatorHealthExportTests {

	private final AtomicInteger calls = new AtomicInteger();

	private HealthEngine engine;

	@AfterEach
	void close() {
		this.engine.close();
	}

	private HealthEngine engine(boolean enabled) {
		this.engine = new HealthEngine(Map.of(),
				(name) -> new CheckSettings(Duration.ofSeconds(1), CheckSettings.DEFAULT_GROUPS, true, enabled),
				Duration.ZERO, 4, ResultLimits.DEFAULTS, new AvailabilityStates(null, Clock.systemUTC()),
				Clock.systemUTC());
		return this.engine;
	}


	/** Unregistering a bridged check leaves Actuator's view of it to Actuator. */
	@Test
	void unregisteringABridgedCheckLeavesActuatorsIndicator() {
		HealthEngine engine = engine(true);
		DefaultHealthContributorRegistry registry = new DefaultHealthContributorRegistry();
		HealthIndicator db = () -> Health.up().build();
		registry.registerContributor("db", db);
		new ActuatorHealthBridge(engine, registry, null, ActuatorStatusMapping.DEFAULTS, ExportedStatuses.DEFAULTS, true,
				ActuatorRequestScope.ALL)
			.afterSingletonsInstantiated();
		new ActuatorHealthExport(engine, registry, null, ExportedStatuses.DEFAULTS, ActuatorRequestScope.ALL).afterSingletonsInstantiated();
		engine.unregister("db");
		// the notifier delivers in order: once a later registration is exported, the unregistration was handled
		engine.register("marker", HealthCheckResult::healthy);
		await().atMost(Duration.ofSeconds(5)).until(() -> registry.getContributor("marker") != null);
		assertThat(registry.getContributor("db")).isNotNull();
	}

	/** A disabled check is neither run nor shown, in Actuator too. */
	@Test
	void aDisabledCheckIsNeitherShownNorRun() {
		HealthEngine engine = engine(false);
		engine.register("slow", () -> {
			this.calls.incrementAndGet();
			return HealthCheckResult.healthy();
		});
		DefaultHealthContributorRegistry registry = new DefaultHealthContributorRegistry();
		new ActuatorHealthExport(engine, registry, null, ExportedStatuses.DEFAULTS, ActuatorRequestScope.ALL).afterSingletonsInstantiated();
		if (registry.getContributor("slow") instanceof HealthIndicator indicator) {
			indicator.health();
		}
		assertThat(this.calls).hasValue(0);
		assertThat(registry.getContributor("slow")).isNull();
	}

	/**
	 * In a web request the first indicator asked evaluates every check Actuator sees, once, and nothing else: a check
	 * whose name Actuator already has is not shown and not run.
	 */
	@Test
	void oneRequestCallsEachShownCheckOnceAndNoOtherCheck() {
		HealthEngine engine = engine(true);
		DefaultHealthContributorRegistry registry = new DefaultHealthContributorRegistry();
		registry.registerContributor("hidden", (HealthIndicator) () -> Health.up().build());
		AtomicInteger hidden = new AtomicInteger();
		engine.register("hidden", () -> {
			hidden.incrementAndGet();
			return HealthCheckResult.healthy();
		});
		for (int i = 0; i < 5; i++) {
			engine.register("c" + i, () -> {
				this.calls.incrementAndGet();
				return HealthCheckResult.healthy();
			});
		}
		new ActuatorHealthExport(engine, registry, null, ExportedStatuses.DEFAULTS, ActuatorRequestScope.ALL).afterSingletonsInstantiated();
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
		try {
			registry.stream()
				.filter((entry) -> entry.contributor() instanceof CheckHealthIndicator)
				.forEach((entry) -> ((HealthIndicator) entry.contributor()).health());
		}
		finally {
			RequestContextHolder.resetRequestAttributes();
		}
		assertThat(this.calls).hasValue(5);
		assertThat(hidden).hasValue(0);
	}

	/** Outside a web request (WebFlux, JMX) with no cache, each indicator calls only its own check. */
	@Test
	void onePassOutsideARequestCallsEachCheckOnce() {
		HealthEngine engine = engine(true);
		DefaultHealthContributorRegistry registry = new DefaultHealthContributorRegistry();
		for (int i = 0; i < 5; i++) {
			engine.register("c" + i, () -> {
				this.calls.incrementAndGet();
				return HealthCheckResult.healthy();
			});
		}
		new ActuatorHealthExport(engine, registry, null, ExportedStatuses.DEFAULTS, ActuatorRequestScope.ALL).afterSingletonsInstantiated();
		registry.stream().forEach((e) -> ((HealthIndicator) e.contributor()).health());
		assertThat(this.calls).hasValue(5);
	}

}
