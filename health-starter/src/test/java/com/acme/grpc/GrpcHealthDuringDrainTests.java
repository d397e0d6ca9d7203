package com.acme.grpc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.healthstarter.web.ShutdownDrain;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code health.shutdown.drain-delay} on gRPC as on HTTP: as the application starts closing, readiness watchers get
 * {@code NOT_SERVING} and {@code Check} of readiness answers it, while the gRPC server keeps serving until the drain
 * is over, as the HTTP server keeps serving with readiness answering 503, on Spring MVC and on WebFlux.
 */
@Timeout(60)
class GrpcHealthDuringDrainTests {

	private static final Duration DRAIN = Duration.ofSeconds(3);

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "SERVLET", "REACTIVE" })
	void readinessIsNotServingFromTheDrainsStartAndTheServerServesUntilItsEnd(WebApplicationType type)
			throws Exception {
		ConfigurableApplicationContext application = GrpcHealthTests.GrpcApplication.run(type,
				"health.shutdown.drain-delay=" + DRAIN.toMillis() + "ms");
		ManagedChannel channel = GrpcHealthClient.channel(application);
		try (HealthWatch readiness = HealthWatch.open(channel, "readiness")) {
			// stopped after the drain whatever order the two were defined in, as both are in the last phase
			String[] drains = application.getBeanNamesForType(ShutdownDrain.class);
			String[] servers = application.getBeanNamesForType(GrpcServerLifecycle.class);
			assertThat(drains).hasSize(1);
			assertThat(servers).hasSize(1);
			assertThat(application.getBeanFactory().getDependentBeans(servers[0])).contains(drains[0]);
			await().atMost(Duration.ofSeconds(10)).until(() -> readiness.statuses().contains(ServingStatus.SERVING));
			long closing = System.nanoTime();
			CompletableFuture<Void> closed = CompletableFuture.runAsync(application::close);
			await().atMost(Duration.ofSeconds(1)).until(() -> readiness.statuses().contains(ServingStatus.NOT_SERVING));
			assertThat(GrpcHealthClient.check(channel, "readiness")).isEqualTo("NOT_SERVING");
			assertThat(GrpcHealthClient.check(channel, "liveness")).isEqualTo("SERVING");
			// serving through the first half of the drain, at least
			await().during(DRAIN.dividedBy(2))
				.atMost(DRAIN)
				.until(() -> "SERVING".equals(GrpcHealthClient.check(channel, "liveness")));
			assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(DRAIN);
			closed.get(30, TimeUnit.SECONDS);
			assertThat(Duration.ofNanos(System.nanoTime() - closing)).isGreaterThanOrEqualTo(DRAIN);
		}
		finally {
			application.close();
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

}
