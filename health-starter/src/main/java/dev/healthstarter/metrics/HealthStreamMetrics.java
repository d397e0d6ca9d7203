package dev.healthstarter.metrics;

import dev.healthstarter.web.stream.HealthStreamBroadcaster;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the health stream's meters (Prometheus names in brackets): {@code health.stream.subscribers}
 * ({@code health_stream_subscribers}, gauge, tag {@code kind}: {@code client} for dashboards and other clients under
 * the stream caps, {@code peer} for the fleet's links) and {@code health.stream.evictions}
 * ({@code health_stream_evictions_total}, counter, tag {@code reason=slow}: streams closed because their client
 * stopped reading for {@code health.stream.write-timeout}). A scrape reads counts the broadcaster keeps; thread-safe.
 */
public final class HealthStreamMetrics implements MeterBinder {

	/** The description every {@code kind} of {@code health.stream.subscribers} shares (one HELP line). */
	public static final String SUBSCRIBERS_DESCRIPTION = "Open health stream (Server-Sent Events) subscribers, by kind";

	private final HealthStreamBroadcaster broadcaster;

	/**
	 * @param broadcaster the streams measured
	 */
	public HealthStreamMetrics(HealthStreamBroadcaster broadcaster) {
		this.broadcaster = broadcaster;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("health.stream.subscribers", this.broadcaster, HealthStreamBroadcaster::clientSubscriberCount)
			.description(SUBSCRIBERS_DESCRIPTION)
			.tag("kind", "client")
			.register(registry);
		Gauge.builder("health.stream.subscribers", this.broadcaster, HealthStreamBroadcaster::peerSubscriberCount)
			.description(SUBSCRIBERS_DESCRIPTION)
			.tag("kind", "peer")
			.register(registry);
		FunctionCounter.builder("health.stream.evictions", this.broadcaster, HealthStreamBroadcaster::evictionCount)
			.description("Health stream subscribers closed because their client stopped reading")
			.tag("reason", "slow")
			.register(registry);
	}

}
