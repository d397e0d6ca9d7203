package dev.healthstarter.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.HealthEvaluationListener;
import dev.healthstarter.fleet.FleetFailOpen;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds {@code health.fleet.fail.open} (gauge, tag {@code check}; Prometheus {@code health_fleet_fail_open}): 1 while
 * the groups that fail open count that check as degraded because it fails on much of the fleet, else 0. One series
 * per check that can fail open (an enabled, critical check of one of {@code health.fleet.fail-open.groups}), from its
 * registration to its removal, so the series count is bounded by the checks and an alert or a panel has a series
 * before the first outage. A scrape reads the decision, never decides. Listens on the engine's notifier thread;
 * thread-safe.
 */
public final class FleetFailOpenMetrics implements MeterBinder, HealthEvaluationListener {

	private static final String NAME = "health.fleet.fail.open";

	private final HealthEngine engine;

	private final FleetFailOpen failOpen;

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	private final AtomicBoolean listening = new AtomicBoolean();

	/**
	 * @param engine the engine whose checks are measured
	 * @param failOpen the decisions
	 */
	public FleetFailOpenMetrics(HealthEngine engine, FleetFailOpen failOpen) {
		this.engine = engine;
		this.failOpen = failOpen;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
		if (this.listening.compareAndSet(false, true)) {
			this.engine.addListener(this);
		}
		this.engine.checkNames().forEach((check) -> bind(registry, check));
	}

	@Override
	public void onRegistered(String check) {
		this.registries.forEach((registry) -> bind(registry, check));
	}

	@Override
	public void onUnregistered(String check) {
		for (MeterRegistry registry : this.registries) {
			registry.find(NAME).tag("check", check).meters().forEach(registry::remove);
		}
	}

	/** Binds the check's gauge unless it is bound or the check cannot fail open. */
	private void bind(MeterRegistry registry, String check) {
		if (!this.failOpen.canFailOpen(check) || registry.find(NAME).tag("check", check).gauge() != null) {
			return;
		}
		Gauge.builder(NAME, this.failOpen, (decisions) -> decisions.isFailingOpen(check) ? 1 : 0)
			.description("1 while the fail-open groups count the check as degraded because it fails on much of the "
					+ "fleet, else 0")
			.tag("check", check)
			.strongReference(true)
			.register(registry);
	}

}
