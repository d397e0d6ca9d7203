package dev.healthstarter.actuator;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.ResultLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.DefaultHealthContributorRegistry;
import org.springframework.boot.health.registry.DefaultReactiveHealthContributorRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * One name in both of Actuator's registries: Actuator allows it, while the engine has one namespace. Each registry's
 * run-time registrations own the checks they became, and a contributor whose checks cannot all be registered leaves
 * none behind.
 */
@Timeout(20)
class CrossRegistryBridgingTests {

	/** Check names whose registration fails, as one taken meanwhile by the application would. */
	private final Set<String> failing = ConcurrentHashMap.newKeySet();

	private final HealthEngine engine = new HealthEngine(Map.of(), this::settings, Duration.ZERO, 4,
			ResultLimits.DEFAULTS, new AvailabilityStates(null, Clock.systemUTC()), Clock.systemUTC());

	private final DefaultHealthContributorRegistry blockingDelegate = new DefaultHealthContributorRegistry();

	private final DefaultReactiveHealthContributorRegistry reactiveDelegate = new DefaultReactiveHealthContributorRegistry();

	private final AtomicReference<ActuatorHealthBridge> bridge = new AtomicReference<>();

	private final BridgingHealthContributorRegistry blocking = new BridgingHealthContributorRegistry(
			this.blockingDelegate, this.bridge::get);

	private final BridgingReactiveHealthContributorRegistry reactive = new BridgingReactiveHealthContributorRegistry(
			this.reactiveDelegate, this.bridge::get);

	CrossRegistryBridgingTests() {
		// as the auto-configuration wires it: the bridge sees the wrapped registries
		ActuatorHealthBridge actuatorBridge = new ActuatorHealthBridge(this.engine, this.blocking, this.reactive,
				ActuatorStatusMapping.DEFAULTS, ExportedStatuses.DEFAULTS, true,
				ActuatorRequestScope.ALL);
		this.bridge.set(actuatorBridge);
		actuatorBridge.afterSingletonsInstantiated();
	}

	@AfterEach
	void close() {
		this.engine.close();
	}

	private CheckSettings settings(String name) {
		if (this.failing.contains(name)) {
			throw new IllegalStateException("A health check named '" + name + "' is already registered");
		}
		return new CheckSettings(Duration.ofSeconds(1), CheckSettings.DEFAULT_GROUPS, true, true);
	}

	/**
	 * Blocking "x" is bridged (Actuator holds a view of check "x"); a reactive "x" is then accepted by Actuator's
	 * reactive registry unbridged (the engine has "x"). Unregistering the reactive one must not take the blocking
	 * one's check: BridgedRegistrations.unregister calls bridge.unregistered(name) whenever its own registry removed
	 * something, and the bridge remembers checks by name only.
	 */
	@Test
	void unregisteringAReactiveContributorKeepsTheSameNamedBlockingContributorsCheck() {
		this.blocking.registerContributor("x", (HealthIndicator) () -> Health.up().build());
		assertThat(this.engine.getAll()).containsKey("x");
		ReactiveHealthIndicator other = () -> Mono.just(Health.down().build());
		this.reactive.registerContributor("x", other);
		assertThat(this.reactive.unregisterContributor("x")).isSameAs(other);
		assertThat(this.blockingDelegate.getContributor("x")).as("Actuator still holds the blocking view")
			.isInstanceOf(CheckHealthIndicator.class);
		assertThat(this.engine.getAll()).as("the blocking contributor's check").containsKey("x");
		assertThat(((HealthIndicator) this.blockingDelegate.getContributor("x")).health().getStatus())
			.isEqualTo(Status.UP);
	}

	/**
	 * The refusal path now unregisters unconditionally (before ca45dac: only when this registration produced a
	 * view). A blocking registration Actuator refuses takes away the checks of the reactive contributor of that name.
	 */
	@Test
	void aRefusedBlockingRegistrationKeepsTheReactiveContributorsCheck() {
		this.reactive.registerContributor("y", (ReactiveHealthIndicator) () -> Mono.just(Health.up().build()));
		assertThat(this.engine.getAll()).containsKey("y");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.blocking.registerContributor("y", (HealthContributor) null));
		assertThat(this.reactiveDelegate.getContributor("y")).isNotNull();
		assertThat(this.engine.getAll()).as("the reactive contributor's check").containsKey("y");
	}

	/**
	 * A composite whose second member's check cannot be registered: the registration fails, Actuator does not hold
	 * it, and the first member's check is gone again.
	 */
	@Test
	void aContributorWhoseChecksCannotAllBeRegisteredLeavesNone() {
		this.failing.add("c.b");
		HealthIndicator up = () -> Health.up().build();
		Map<String, HealthIndicator> members = new LinkedHashMap<>();
		members.put("a", up);
		members.put("b", up);
		assertThatIllegalStateException()
			.isThrownBy(() -> this.blocking.registerContributor("c", CompositeHealthContributor.fromMap(members)));
		assertThat(this.blockingDelegate.getContributor("c")).isNull();
		assertThat(this.engine.getAll()).doesNotContainKeys("c.a", "c.b");
		this.failing.clear();
		ReactiveHealthIndicator reactiveUp = () -> Mono.just(Health.up().build());
		this.reactive.registerContributor("c",
				CompositeReactiveHealthContributor.fromMap(Map.<String, ReactiveHealthContributor>of("b", reactiveUp)));
		assertThat(this.engine.getAll()).as("the name is free again").containsKey("c.b");
	}

}
