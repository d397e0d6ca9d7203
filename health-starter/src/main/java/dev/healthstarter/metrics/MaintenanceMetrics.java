package dev.healthstarter.metrics;

import dev.healthstarter.core.MaintenanceMode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds {@code health.maintenance} ({@code health_maintenance}, gauge): 1 while the instance is in maintenance, else
 * 0, so a dashboard or an alert tells a pod taken out of rotation on purpose from a failing one. A scrape reads the
 * switch's state; thread-safe.
 */
public final class MaintenanceMetrics implements MeterBinder {

	private final MaintenanceMode maintenance;

	/**
	 * @param maintenance the instance's maintenance mode
	 */
	public MaintenanceMetrics(MaintenanceMode maintenance) {
		this.maintenance = maintenance;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("health.maintenance", this.maintenance, (mode) -> (mode.current() != null) ? 1 : 0)
			.description("Whether the instance is in maintenance, taken out of rotation by an operator (1) or not (0)")
			.register(registry);
	}

}
