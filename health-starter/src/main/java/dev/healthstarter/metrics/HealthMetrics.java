package dev.healthstarter.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.healthstarter.HealthState;
import dev.healthstarter.core.CheckOutcome;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.HealthEvaluationListener;
import dev.healthstarter.core.HealthGroups;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Binds the health meters to a {@link MeterRegistry}. Prometheus shows dots as underscores and adds unit
 * suffixes (see the Prometheus exposition format):
 * <ul>
 * <li>{@code health.status} (gauge, tag {@code group}; the overall aggregation is {@code group="all"}) and
 * {@code health.check.status} (gauge, tag {@code check}): 1 healthy, 0.5 degraded, 0 unhealthy; NaN while the
 * state is unknown: before the check's first result, and for a group while one of its members has none
 * ({@link HealthEngine#latestStatus});</li>
 * <li>{@code health.check.duration} (timer, tags {@code check}, {@code state}): each real call of the check that
 * returned or timed out, so its count is the call count (a derived "still running" or "stale" report is not a
 * call);</li>
 * <li>{@code health.check.transitions} (counter, tags {@code check}, {@code state}): each change of a check's
 * state, tagged with the new state;</li>
 * <li>{@code health.check.last.healthy.timestamp} (gauge, seconds since the epoch, tag {@code check}).</li>
 * </ul>
 * Gauges read the engine's latest reports: a scrape never runs a check. A check's meters appear when it is
 * registered and are removed when it is unregistered. Listens on the engine's notifier thread; thread-safe.
 */
public final class HealthMetrics implements MeterBinder, HealthEvaluationListener {

	private final HealthEngine engine;

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	private final Map<String, Double> lastHealthySeconds = new ConcurrentHashMap<>();

	private final AtomicBoolean listening = new AtomicBoolean();

	/**
	 * @param engine the engine whose results are measured
	 */
	public HealthMetrics(HealthEngine engine) {
		this.engine = engine;
	}

	/**
	 * Encodes a state as a gauge value.
	 * @param state the state
	 * @return 1 healthy, 0.5 degraded, 0 unhealthy
	 */
	public static double gaugeValue(HealthState state) {
		return switch (state) {
			case HEALTHY -> 1.0;
			case DEGRADED -> 0.5;
			case UNHEALTHY -> 0.0;
		};
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
		bindGroup(registry, null);
		this.engine.groups().forEach((group) -> bindGroup(registry, group));
		this.engine.checkNames().forEach((check) -> bindCheck(registry, check));
		if (this.listening.compareAndSet(false, true)) {
			this.engine.addListener(this);
		}
	}

	@Override
	public void onRegistered(String check) {
		if (!this.engine.checkNames().contains(check)) {
			return;
		}
		for (MeterRegistry registry : this.registries) {
			bindCheck(registry, check);
			this.engine.groupsOf(check).forEach((group) -> bindGroup(registry, group));
		}
	}

	@Override
	public void onCall(String check, CheckOutcome outcome) {
		if (outcome.state() == HealthState.HEALTHY) {
			this.lastHealthySeconds.put(check, outcome.checkedAt().toEpochMilli() / 1000.0);
		}
		for (MeterRegistry registry : this.registries) {
			Timer.builder("health.check.duration")
				.description("Time taken by each call of a health check that returned or timed out")
				.tags("check", check, "state", outcome.state().value())
				.register(registry)
				.record(outcome.duration());
		}
	}

	@Override
	public void onReportChanged(String check, @Nullable CheckOutcome previous, CheckOutcome current) {
		if (previous == null || previous.state() == current.state()) {
			return;
		}
		for (MeterRegistry registry : this.registries) {
			Counter.builder("health.check.transitions")
				.description("Changes of a health check's state, tagged with the new state")
				.tags("check", check, "state", current.state().value())
				.register(registry)
				.increment();
		}
	}

	@Override
	public void onUnregistered(String check) {
		this.lastHealthySeconds.remove(check);
		for (MeterRegistry registry : this.registries) {
			for (String name : List.of("health.check.status", "health.check.duration", "health.check.transitions",
					"health.check.last.healthy.timestamp")) {
				registry.find(name).tag("check", check).meters().forEach(registry::remove);
			}
		}
	}

	/**
	 * Binds a group's gauge unless it is bound: a check registered at run time names groups that exist, and its
	 * registration may be told after {@link #bindTo} already saw it (Micrometer warns about a second registration).
	 */
	private void bindGroup(MeterRegistry registry, @Nullable String group) {
		String tag = (group != null) ? group : HealthGroups.ALL;
		if (registry.find("health.status").tag("group", tag).gauge() != null) {
			return;
		}
		Gauge.builder("health.status", this, (metrics) -> metrics.groupValue(group))
			.description("Aggregated health state of a group: 1 healthy, 0.5 degraded, 0 unhealthy")
			.tag("group", tag)
			.strongReference(true)
			.register(registry);
	}

	/** Binds a check's gauges unless they are bound, as {@link #bindGroup} does. */
	private void bindCheck(MeterRegistry registry, String check) {
		if (registry.find("health.check.status").tag("check", check).gauge() != null) {
			return;
		}
		Gauge.builder("health.check.status", this, (metrics) -> metrics.checkValue(check))
			.description("Latest state of a health check: 1 healthy, 0.5 degraded, 0 unhealthy")
			.tag("check", check)
			.strongReference(true)
			.register(registry);
		Gauge.builder("health.check.last.healthy.timestamp", this.lastHealthySeconds,
				(seconds) -> seconds.getOrDefault(check, Double.NaN))
			.description("When a health check was last healthy, in seconds since the epoch")
			.tag("check", check)
			.baseUnit("seconds")
			.strongReference(true)
			.register(registry);
	}

	private double groupValue(@Nullable String group) {
		HealthState state = this.engine.latestStatus(group);
		return (state != null) ? gaugeValue(state) : Double.NaN;
	}

	private double checkValue(String check) {
		CheckOutcome outcome = this.engine.latestOutcome(check);
		return (outcome != null) ? gaugeValue(outcome.state()) : Double.NaN;
	}

}
