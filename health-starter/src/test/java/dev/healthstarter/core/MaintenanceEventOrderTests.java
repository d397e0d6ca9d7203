package dev.healthstarter.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthGroupStateChangedEvent;
import dev.healthstarter.HealthMaintenanceChangedEvent;
import dev.healthstarter.HealthState;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Review test: {@link HealthStateChanges} tells the groups' changes a maintenance makes after its own
 * {@link HealthMaintenanceChangedEvent}, as its Javadoc says. A check's change queued on the notifier before the
 * operator's switch is delivered after the switch was made, and the groups it recomputes already show the
 * maintenance: readiness is told unhealthy before the event that explains it. A listener ahead of
 * {@link HealthStateChanges} holds the notifier (as any slow listener would) while the switch is made.
 */
class MaintenanceEventOrderTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final Clock clock = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);

	private final MaintenanceMode maintenance = new MaintenanceMode(Set.of(HealthGroups.READINESS), this.clock);

	private final AtomicReference<HealthCheckResult> cache = new AtomicReference<>(HealthCheckResult.healthy());

	private final HealthEngine engine = new HealthEngine(
			Map.of("db", HealthCheck.of(() -> true), "cache", this.cache::get),
			(name) -> new CheckSettings(Duration.ofSeconds(1), Set.of(HealthGroups.READINESS), !name.equals("cache"),
					true),
			Duration.ZERO, 2, ResultLimits.DEFAULTS, new AvailabilityStates(null, this.clock), this.maintenance,
			this.clock);

	private final CountDownLatch held = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	private final AtomicInteger delivered = new AtomicInteger();

	private final List<String> events = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		this.release.countDown();
		this.engine.close();
	}

	@Test
	void theGroupsChangesOfAMaintenanceComeAfterItsEvent() throws InterruptedException {
		this.engine.addListener(new HealthEvaluationListener() {
			@Override
			public void onReportChanged(String check, @Nullable CheckOutcome previous, CheckOutcome current) {
				if (previous != null && current.state() == HealthState.UNHEALTHY) {
					MaintenanceEventOrderTests.this.held.countDown();
					hold(MaintenanceEventOrderTests.this.release);
				}
			}
		});
		this.engine.addListener(new HealthStateChanges(this.engine, this::record, ResultLimits.DEFAULTS));
		this.engine.addListener(new HealthEvaluationListener() {
			@Override
			public void onReportChanged(String check, @Nullable CheckOutcome previous, CheckOutcome current) {
				MaintenanceEventOrderTests.this.delivered.incrementAndGet();
			}
		});
		this.engine.evaluate(HealthGroups.READINESS).join();
		await().atMost(WAIT).until(() -> this.delivered.get() == 2);

		this.cache.set(HealthCheckResult.unhealthy("evicting"));
		this.engine.evaluate(HealthGroups.READINESS).join();
		assertThat(this.held.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		this.maintenance.enter("upgrade");
		this.release.countDown();

		await().atMost(WAIT).until(() -> this.events.contains("maintenance: upgrade")
				&& this.events.stream().anyMatch((event) -> event.startsWith("readiness:")));
		List<String> beforeMaintenance = this.events.subList(0, this.events.indexOf("maintenance: upgrade"));
		assertThat(beforeMaintenance).as("group changes told before the maintenance event (all told: %s)", this.events)
			.doesNotContain("readiness: healthy -> unhealthy");
	}

	private void record(Object event) {
		if (event instanceof HealthMaintenanceChangedEvent maintenance && maintenance.getCurrent() != null) {
			this.events.add("maintenance: " + maintenance.getCurrent().reason());
		}
		else if (event instanceof HealthGroupStateChangedEvent group) {
			this.events.add(group.getGroup() + ": " + group.getPreviousState().value() + " -> " + group.getState().value());
		}
	}

	private static void hold(CountDownLatch latch) {
		try {
			latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
