package dev.healthstarter.grpc;

import dev.healthstarter.metrics.HealthStreamMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The open gRPC health {@code Watch} calls, counted as stream subscribers of their own kind:
 * {@code health.stream.subscribers{kind="grpc"}} (Prometheus: {@code health_stream_subscribers{kind="grpc"}}), beside
 * the HTTP streams' {@code client} and {@code peer}. Thread-safe.
 *
 * @param service the service whose {@code Watch} calls are counted
 */
public record GrpcHealthMetrics(GrpcHealthService service) implements MeterBinder {

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("health.stream.subscribers", this.service, GrpcHealthService::watchCount)
			.description(HealthStreamMetrics.SUBSCRIBERS_DESCRIPTION)
			.tag("kind", "grpc")
			.register(registry);
	}

}
