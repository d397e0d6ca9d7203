package com.acme.grpc;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.acme.testing.HttpTestClient;
import com.acme.testing.SwitchableCheck;
import dev.healthstarter.HealthCheckResult;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Spring MVC application (Tomcat) and a WebFlux application (Netty) each serve gRPC health on Boot's gRPC server
 * beside the HTTP health paths, both answering from the same engine.
 */
@Timeout(60)
class GrpcHealthBesideHttpTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "SERVLET, TomcatWebServer", "REACTIVE, NettyWebServer" })
	void grpcHealthAnswersBesideHttp(WebApplicationType type, String webServer) throws InterruptedException {
		try (ConfigurableApplicationContext application = GrpcHealthTests.GrpcApplication.run(type,
				"health.cache-ttl=50ms")) {
			assertThat(((WebServerApplicationContext) application).getWebServer().getClass().getSimpleName())
				.isEqualTo(webServer);
			HttpTestClient http = new HttpTestClient(((WebServerApplicationContext) application).getWebServer()
				.getPort());
			ManagedChannel channel = GrpcHealthClient.channel(application);
			try (HealthWatch watch = HealthWatch.open(channel, "readiness")) {
				await().atMost(Duration.ofSeconds(10))
					.until(() -> http.get("/health/readiness").statusCode() == 200
							&& "SERVING".equals(GrpcHealthClient.check(channel, "readiness")));
				await().atMost(Duration.ofSeconds(5)).until(() -> watch.statuses().contains(ServingStatus.SERVING));

				application.getBean("inventoryHealthCheck", SwitchableCheck.class)
					.set(HealthCheckResult.unhealthy("connection refused"));
				await().atMost(Duration.ofSeconds(10))
					.until(() -> http.get("/health/readiness").statusCode() == 503
							&& "NOT_SERVING".equals(GrpcHealthClient.check(channel, "readiness")));
				await().atMost(Duration.ofSeconds(5)).until(() -> watch.statuses().contains(ServingStatus.NOT_SERVING));
				assertThat(GrpcHealthClient.check(channel, "liveness")).isEqualTo("SERVING");
				assertThat(http.get("/health/liveness").statusCode()).isEqualTo(200);
			}
			finally {
				channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			}
		}
	}

}
