package com.acme.grpc;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.acme.testing.HttpTestClient;
import com.acme.testing.SwitchableCheck;
import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.FailOpen;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.grpc.GrpcHealthService;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.grpc.server.health.GrpcServerHealth;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The standard gRPC health service of an application on Spring Boot's gRPC server (Netty) answers from the engine,
 * through grpc-java's generated {@code HealthGrpc} stubs: {@code Check} as {@code GET /health/...} of the same
 * instance answers, in every state; {@code Watch} the current status at once, then each change once, pushed, and
 * {@code NOT_SERVING} to readiness watchers when the application closes.
 */
@SpringBootTest(classes = GrpcHealthTests.GrpcApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.grpc.server.address=127.0.0.1", "spring.grpc.server.port=0", "health.cache-ttl=50ms",
				"health.checks.inventory.groups=readiness,orders", "health.checks.heartbeat.groups=liveness" })
@Timeout(60)
class GrpcHealthTests {

	private static final List<String> SERVICES = List.of("", "readiness", "liveness", "startup", "orders",
			"no-such-service");

	@LocalServerPort
	private int port;

	@Autowired
	@Qualifier("inventoryHealthCheck")
	private SwitchableCheck inventory;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private HealthEngine engine;

	private HttpTestClient http;

	private ManagedChannel channel;

	@BeforeEach
	void connect() {
		this.http = new HttpTestClient(this.port);
		this.inventory.set(HealthCheckResult.healthy());
		this.channel = GrpcHealthClient.channel(this.context);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.http.get("/health/readiness").statusCode() == 200);
	}

	@AfterEach
	void disconnect() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	@Test
	void theStartersServiceAnswersAndBootsScheduledUpdaterDoesNotRun() {
		assertThat(this.context.getBeansOfType(GrpcHealthService.class)).hasSize(1);
		assertThat(this.context.getBeansOfType(HealthStatusManager.class)).isEmpty();
		assertThat(this.context.getBeansOfType(GrpcServerHealth.class)).isEmpty();
		assertThat(this.context.containsBean("grpcServerHealthScheduler")).isFalse();
	}

	@Test
	void checkAnswersAsGetDoesForEveryServiceWhileHealthy() {
		assertThat(check("readiness")).isEqualTo("SERVING");
		assertCheckAnswersAsGet();
	}

	@Test
	void checkAnswersAsGetDoesForEveryServiceWhileAUserCheckIsUnhealthy() {
		this.inventory.set(HealthCheckResult.unhealthy("connection refused"));
		await().atMost(Duration.ofSeconds(10)).until(() -> "NOT_SERVING".equals(check("readiness")));
		assertThat(check("")).isEqualTo("NOT_SERVING");
		assertThat(check("orders")).isEqualTo("NOT_SERVING");
		assertThat(check("liveness")).isEqualTo("SERVING");
		assertThat(check("no-such-service")).isEqualTo("NOT_FOUND");
		assertCheckAnswersAsGet();
	}

	@Test
	void checkAnswersDegradedAsServingAsGetAnswers200() {
		this.inventory.set(HealthCheckResult.degraded("slow replica"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> HttpTestClient.json(this.http.get("/health/readiness")).get("status").asString(),
					"degraded"::equals);
		assertThat(check("readiness")).isEqualTo("SERVING");
		assertCheckAnswersAsGet();
	}

	@Test
	void readinessFailingOpenInAFleetIsServingAsGetAnswers200() {
		this.engine.failOpen((group, check) -> ("readiness".equals(group) && "inventory".equals(check))
				? "unhealthy on 4 of 5 instances" : null);
		this.engine.failOpenChanged();
		try (HealthWatch watch = HealthWatch.open(this.channel, "readiness")) {
			await().atMost(Duration.ofSeconds(1)).until(() -> watch.statuses().size() == 1);
			this.inventory.set(HealthCheckResult.unhealthy("connection refused"));
			await().atMost(Duration.ofSeconds(10)).until(() -> "NOT_SERVING".equals(check("orders")));
			assertThat(check("readiness")).isEqualTo("SERVING");
			assertCheckAnswersAsGet();
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1))
				.until(() -> watch.statuses().size() == 1);
			assertThat(watch.statuses()).containsExactly(ServingStatus.SERVING);
		}
		finally {
			this.engine.failOpen(FailOpen.NEVER);
			this.engine.failOpenChanged();
		}
	}

	@Test
	void watchOnReadinessSendsTheCurrentStatusAtOnceThenEachChangeOnceWithin200Milliseconds() {
		try (HealthWatch watch = HealthWatch.open(this.channel, "readiness")) {
			await().atMost(Duration.ofSeconds(1)).until(() -> watch.statuses().size() == 1);
			assertThat(watch.statuses()).containsExactly(ServingStatus.SERVING);
			await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
				.until(() -> watch.statuses().size() == 1);

			long outage = System.nanoTime();
			this.inventory.set(HealthCheckResult.unhealthy("connection refused"));
			await().atMost(Duration.ofSeconds(5)).until(() -> watch.statuses().size() == 2);
			assertThat(watch.statuses()).containsExactly(ServingStatus.SERVING, ServingStatus.NOT_SERVING);
			assertThat(Duration.ofNanos(watch.arrivals().get(1) - outage)).isLessThan(Duration.ofMillis(200));
			// the check keeps failing with other messages: the status is the same, so nothing is sent
			this.inventory.set(HealthCheckResult.unhealthy("connection reset"));
			await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
				.until(() -> watch.statuses().size() == 2);

			this.inventory.set(HealthCheckResult.healthy());
			await().atMost(Duration.ofSeconds(5)).until(() -> watch.statuses().size() == 3);
			assertThat(watch.statuses()).endsWith(ServingStatus.SERVING);
			assertThat(watch.error()).isNull();
		}
	}

	@Test
	void watchOfEveryServiceStartsWithWhatCheckAnswers() {
		for (String service : List.of("", "liveness", "orders")) {
			try (HealthWatch watch = HealthWatch.open(this.channel, service)) {
				await().atMost(Duration.ofSeconds(1)).until(() -> watch.statuses().size() == 1);
				assertThat(watch.statuses()).as(service).containsExactly(ServingStatus.valueOf(check(service)));
			}
		}
	}

	@Test
	void watchOfAGroupWithNoResultYetIsServiceUnknownUntilItsCheckReports() throws Exception {
		CountDownLatch answer = new CountDownLatch(1);
		this.engine.register("warehouse", () -> {
			answer.await();
			return HealthCheckResult.healthy();
		}, new CheckSettings(Duration.ofSeconds(10), Set.of("warehouse"), true, true));
		try (HealthWatch watch = HealthWatch.open(this.channel, "warehouse")) {
			await().atMost(Duration.ofSeconds(1)).until(() -> watch.statuses().size() == 1);
			assertThat(watch.statuses()).containsExactly(ServingStatus.SERVICE_UNKNOWN);
			answer.countDown();
			await().atMost(Duration.ofSeconds(5)).until(() -> watch.statuses().size() == 2);
			assertThat(watch.statuses()).containsExactly(ServingStatus.SERVICE_UNKNOWN, ServingStatus.SERVING);
		}
		finally {
			answer.countDown();
			this.engine.unregister("warehouse");
		}
	}

	@Test
	void watchOfAnUnknownServiceIsServiceUnknown() {
		try (HealthWatch watch = HealthWatch.open(this.channel, "no-such-service")) {
			await().atMost(Duration.ofSeconds(1)).until(() -> watch.statuses().size() == 1);
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1))
				.until(() -> watch.statuses().size() == 1);
			assertThat(watch.statuses()).containsExactly(ServingStatus.SERVICE_UNKNOWN);
			assertThat(watch.error()).isNull();
		}
	}

	@Test
	void onCloseReadinessWatchersGetNotServingAndEveryWatchCompletesBeforeTheServerStops() throws Exception {
		ConfigurableApplicationContext application = GrpcApplication.run(WebApplicationType.SERVLET);
		ManagedChannel channel = GrpcHealthClient.channel(application);
		try (HealthWatch readiness = HealthWatch.open(channel, "readiness");
				HealthWatch liveness = HealthWatch.open(channel, "liveness");
				HealthWatch overall = HealthWatch.open(channel, "")) {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> List.of(readiness, liveness, overall)
					.stream()
					.allMatch((watch) -> watch.statuses().contains(ServingStatus.SERVING)));
			application.close();
			// completed with OK rather than failed: the last status was sent before the server stopped
			await().atMost(Duration.ofSeconds(5))
				.until(() -> readiness.isCompleted() && liveness.isCompleted() && overall.isCompleted());
			assertThat(readiness.statuses()).endsWith(ServingStatus.NOT_SERVING);
			assertThat(overall.statuses()).endsWith(ServingStatus.NOT_SERVING);
			assertThat(liveness.statuses()).doesNotContain(ServingStatus.NOT_SERVING);
			assertThat(List.of(readiness, liveness, overall)).allMatch((watch) -> watch.error() == null);
		}
		finally {
			application.close();
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	private void assertCheckAnswersAsGet() {
		for (String service : SERVICES) {
			int status = this.http.get(service.isEmpty() ? "/health" : "/health/" + service).statusCode();
			assertThat(check(service)).as("service '%s' (GET answered %d)", service, status).isEqualTo(switch (status) {
				case 200 -> "SERVING";
				case 503 -> "NOT_SERVING";
				case 404 -> "NOT_FOUND";
				default -> "HTTP " + status;
			});
		}
	}

	private String check(String service) {
		return GrpcHealthClient.check(this.channel, service);
	}

	@SpringBootApplication
	static class GrpcApplication {

		/**
		 * Starts the application as a test of its own: its servers on free ports of 127.0.0.1 (WebFlux on Netty, though
		 * Tomcat is on the class path too), its checks in the groups the tests use.
		 * @param type Spring MVC or WebFlux
		 * @param properties more properties
		 * @return the running application
		 */
		static ConfigurableApplicationContext run(WebApplicationType type, String... properties) {
			return new SpringApplicationBuilder(GrpcApplication.class).web(type)
				.properties("server.port=0", "server.address=127.0.0.1", "spring.grpc.server.address=127.0.0.1",
						"spring.grpc.server.port=0", "health.checks.inventory.groups=readiness,orders",
						"health.checks.heartbeat.groups=liveness",
						"spring.autoconfigure.exclude=org.springframework.boot.tomcat.autoconfigure.reactive."
								+ "TomcatReactiveWebServerAutoConfiguration")
				.properties(properties)
				.run();
		}

		@Bean
		SwitchableCheck inventoryHealthCheck() {
			return new SwitchableCheck();
		}

		@Bean
		SwitchableCheck heartbeatHealthCheck() {
			return new SwitchableCheck();
		}

		/** The application's own gRPC service, whose presence starts Boot's gRPC server. */
		@Bean
		BindableService ordersService() {
			return () -> ServerServiceDefinition.builder("com.acme.Orders").build();
		}

	}

}
