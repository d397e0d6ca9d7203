package com.acme.grpc;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.healthstarter.core.MaintenanceMode;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Maintenance as gRPC health shows it: readiness watchers get {@code NOT_SERVING} pushed when an operator takes the
 * instance out, and {@code SERVING} when it comes back; liveness stays {@code SERVING}.
 */
@SpringBootTest(classes = GrpcHealthTests.GrpcApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.grpc.server.address=127.0.0.1", "spring.grpc.server.port=0",
				"health.maintenance.enabled=true", "health.server.port=0" })
@Timeout(60)
class GrpcMaintenanceTests {

	@Autowired
	private GrpcServerLifecycle grpcServer;

	@Autowired
	private MaintenanceMode maintenance;

	private ManagedChannel channel;

	@BeforeEach
	void connect() {
		this.channel = NettyChannelBuilder.forAddress("127.0.0.1", this.grpcServer.getPort()).usePlaintext().build();
	}

	@AfterEach
	void disconnect() throws InterruptedException {
		this.maintenance.exit();
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	@Test
	void readinessWatchersGetNotServingAtOnceAndServingWhenItEnds() {
		try (HealthWatch watch = HealthWatch.open(this.channel, "readiness")) {
			await().atMost(Duration.ofSeconds(10)).until(() -> watch.statuses().contains(ServingStatus.SERVING));
			int before = watch.statuses().size();
			long start = System.nanoTime();
			this.maintenance.enter("heap dump");
			await().atMost(Duration.ofSeconds(5)).until(() -> watch.statuses().size() == before + 1);
			assertThat(watch.statuses().get(before)).isEqualTo(ServingStatus.NOT_SERVING);
			assertThat(Duration.ofNanos(watch.arrivals().get(before) - start)).isLessThan(Duration.ofMillis(200));
			assertThat(check("readiness")).isEqualTo(ServingStatus.NOT_SERVING);
			assertThat(check("liveness")).isEqualTo(ServingStatus.SERVING);

			this.maintenance.exit();
			await().atMost(Duration.ofSeconds(5)).until(() -> watch.statuses().size() == before + 2);
			assertThat(watch.statuses().get(before + 1)).isEqualTo(ServingStatus.SERVING);
		}
	}

	private ServingStatus check(String service) {
		return HealthGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(5, TimeUnit.SECONDS)
			.check(HealthCheckRequest.newBuilder().setService(service).build())
			.getStatus();
	}

}
