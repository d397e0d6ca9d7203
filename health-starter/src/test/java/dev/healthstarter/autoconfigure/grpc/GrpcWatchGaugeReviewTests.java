package dev.healthstarter.autoconfigure.grpc;

import dev.healthstarter.autoconfigure.HealthAutoConfiguration;
import dev.healthstarter.autoconfigure.HealthGrpcAutoConfiguration;
import dev.healthstarter.grpc.GrpcHealthService;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review test: DESIGN.md's {@code health.stream.subscribers} gauge has a {@code kind} of {@code grpc} for the open
 * {@code Watch} calls, but no meter binder of the gRPC health auto-configuration registers it, so a dashboard that
 * sums the kinds never sees gRPC watchers.
 */
class GrpcWatchGaugeReviewTests {

	@Test
	void openWatchCallsAreShownAsStreamSubscribersOfKindGrpc() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HealthAutoConfiguration.class, HealthGrpcAutoConfiguration.class))
			.withBean("ordersService", BindableService.class,
					() -> () -> ServerServiceDefinition.builder("com.acme.Orders").build())
			.run((context) -> {
				assertThat(context).hasSingleBean(GrpcHealthService.class);
				SimpleMeterRegistry registry = new SimpleMeterRegistry();
				context.getBeansOfType(MeterBinder.class).values().forEach((binder) -> binder.bindTo(registry));
				assertThat(registry.find("health.stream.subscribers").tag("kind", "grpc").gauge())
					.as("health.stream.subscribers{kind=grpc}")
					.isNotNull();
			});
	}

}
