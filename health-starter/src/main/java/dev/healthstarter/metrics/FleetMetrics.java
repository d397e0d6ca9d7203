package dev.healthstarter.metrics;

import dev.healthstarter.HealthState;
import dev.healthstarter.fleet.Fleet;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds {@code health.fleet.instances} (Prometheus {@code health_fleet_instances}, gauge, tag {@code state}: each
 * health state, {@code unknown} for members not heard from, {@code maintenance} for members an operator took out of
 * rotation): the fleet's instances as this one sees them, itself
 * included. A scrape reads the fleet's view; thread-safe.
 *
 * @param fleet the fleet measured
 */
public record FleetMetrics(Fleet fleet) implements MeterBinder {

	@Override
	public void bindTo(MeterRegistry registry) {
		for (HealthState state : HealthState.values()) {
			instances(registry, state.value());
		}
		instances(registry, "unknown");
		instances(registry, "maintenance");
	}

	private void instances(MeterRegistry registry, String state) {
		Gauge.builder("health.fleet.instances", this.fleet, (watched) -> watched.instances(state))
			.description("Instances of the fleet as this one sees them, by state (unknown: not heard from; maintenance: out of rotation on purpose)")
			.tag("state", state)
			.register(registry);
	}

}
