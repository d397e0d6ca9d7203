package dev.healthstarter.actuator;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import dev.healthstarter.HealthState;
import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckOutcome;
import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.ResultLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.DefaultHealthContributorRegistry;
import org.springframework.boot.health.registry.HealthContributorRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Races of {@link BridgingHealthContributorRegistry} on one name, with the interleaving forced through the delegate
 * registry (a constructor argument): no sleeps, deterministic.
 */
@Timeout(20)
class BridgingRegistryRaceTests {

	private final HealthEngine engine = new HealthEngine(Map.of(),
			(name) -> new CheckSettings(Duration.ofSeconds(1), CheckSettings.DEFAULT_GROUPS, true, true), Duration.ZERO,
			4, ResultLimits.DEFAULTS, new AvailabilityStates(null, Clock.systemUTC()), Clock.systemUTC());

	@AfterEach
	void close() {
		this.engine.close();
	}


	private ActuatorHealthBridge bridge(HealthContributorRegistry registry) {
		ActuatorHealthBridge bridge = new ActuatorHealthBridge(this.engine, registry, null,
				ActuatorStatusMapping.DEFAULTS, ExportedStatuses.DEFAULTS, true,
				ActuatorRequestScope.ALL);
		bridge.afterSingletonsInstantiated();
		return bridge;
	}

	/**
	 * Two registrations of one name race: both see it free, the first bridges (its check goes into the engine), the
	 * second is registered with Actuator first, so the first is refused. The refused contributor's check must not
	 * stay in the engine: GET /health would then report a contributor Actuator does not hold.
	 */
	@Test
	void aRefusedConcurrentRegistrationLeavesNoCheckInTheEngine() throws Exception {
		CountDownLatch secondLooked = new CountDownLatch(1);
		CountDownLatch plainRegistered = new CountDownLatch(1);
		AtomicReference<Thread> first = new AtomicReference<>();
		AtomicReference<Thread> second = new AtomicReference<>();
		java.util.Set<Thread> looked = java.util.concurrent.ConcurrentHashMap.newKeySet();
		Forcing registry = new Forcing() {

			@Override
			public HealthContributor getContributor(String name) {
				HealthContributor found = super.getContributor(name);
				Thread current = Thread.currentThread();
				if (current == first.get() && looked.add(current)) {
					await(secondLooked); // both registrations see the name free (bounded wait)
				}
				else if (current == second.get() && looked.add(current)) {
					secondLooked.countDown();
					long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
					// the second bridges after the first did (its check already in the engine)
					while (!BridgingRegistryRaceTests.this.engine.getAll().containsKey("db")
							&& System.nanoTime() < deadline) {
						Thread.onSpinWait();
					}
				}
				return found;
			}

			@Override
			public void registerContributor(String name, HealthContributor contributor) {
				if (contributor instanceof CheckHealthIndicator) {
					await(plainRegistered); // the bridged view comes second (bounded wait)
					super.registerContributor(name, contributor);
				}
				else {
					super.registerContributor(name, contributor);
					plainRegistered.countDown();
				}
			}

		};
		ActuatorHealthBridge bridge = bridge(registry);
		BridgingHealthContributorRegistry bridging = new BridgingHealthContributorRegistry(registry, () -> bridge);
		HealthIndicator down = () -> Health.down().build();
		HealthIndicator up = () -> Health.up().build();
		CompletableFuture<Void> one = CompletableFuture.runAsync(() -> bridging.registerContributor("db", down),
				(task) -> {
					Thread thread = new Thread(task);
					first.set(thread);
					thread.start();
				});
		CompletableFuture<Void> two = CompletableFuture.runAsync(() -> bridging.registerContributor("db", up),
				(task) -> {
					Thread thread = new Thread(task);
					second.set(thread);
					thread.start();
				});
		// one of them is refused ("db" is taken), whichever
		CompletableFuture.allOf(one, two).handle((r, ex) -> null).get(15, TimeUnit.SECONDS);
		assertThat(one.isCompletedExceptionally() ^ two.isCompletedExceptionally()).isTrue();
		Status actuator = ((HealthIndicator) registry.getContributor("db")).health().getStatus();
		CheckOutcome outcome = this.engine.evaluateCheck("db").get(5, TimeUnit.SECONDS);
		HealthState engineState = (outcome != null) ? outcome.result().state() : null;
		assertThat(engineState == null || (engineState == HealthState.HEALTHY) == Status.UP.equals(actuator))
			.as("engine's check 'db' is %s while Actuator's contributor 'db' says %s", engineState, actuator)
			.isTrue();
	}

	/**
	 * An unregistration of a name runs while its registration is between Actuator's registry and the map of
	 * replaced contributors: the contract gives back the contributor that was registered, not its view, and
	 * nothing of it should be remembered afterwards.
	 */
	@Test
	void anUnregistrationRacingARegistrationGivesBackTheRegisteredContributor() throws Exception {
		AtomicReference<BridgingHealthContributorRegistry> self = new AtomicReference<>();
		AtomicReference<HealthContributor> unregistered = new AtomicReference<>();
		AtomicReference<CompletableFuture<Void>> pending = new AtomicReference<>();
		Forcing registry = new Forcing() {

			@Override
			public void registerContributor(String name, HealthContributor contributor) {
				super.registerContributor(name, contributor);
				if (contributor instanceof CheckHealthIndicator) {
					// another thread unregisters the name now, before replaced.put(...) (bounded: a lock may hold it)
					CompletableFuture<Void> other = CompletableFuture
						.runAsync(() -> unregistered.set(self.get().unregisterContributor(name)));
					pending.set(other);
					try {
						other.get(1, TimeUnit.SECONDS);
					}
					catch (Exception ex) {
						// still waiting: it completes once the registration returned
					}
				}
			}

		};
		ActuatorHealthBridge bridge = bridge(registry);
		BridgingHealthContributorRegistry bridging = new BridgingHealthContributorRegistry(registry, () -> bridge);
		self.set(bridging);
		HealthIndicator db = () -> Health.up().build();
		bridging.registerContributor("db", db);
		pending.get().get(5, TimeUnit.SECONDS);
		assertThat(unregistered.get()).as("what unregisterContributor gave back").isSameAs(db);
	}

	/** Actuator's registry, open to forcing an interleaving. */
	private static class Forcing implements HealthContributorRegistry {

		private final DefaultHealthContributorRegistry delegate = new DefaultHealthContributorRegistry();

		@Override
		public HealthContributor getContributor(String name) {
			return this.delegate.getContributor(name);
		}

		@Override
		public void registerContributor(String name, HealthContributor contributor) {
			this.delegate.registerContributor(name, contributor);
		}

		@Override
		public HealthContributor unregisterContributor(String name) {
			return this.delegate.unregisterContributor(name);
		}

		@Override
		public Stream<Entry> stream() {
			return this.delegate.stream();
		}

		static void await(CyclicBarrier barrier) {
			throw new UnsupportedOperationException();
		}

		static void await(CountDownLatch latch) {
			try {
				latch.await(2, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
