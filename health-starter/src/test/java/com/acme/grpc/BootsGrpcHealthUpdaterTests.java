package com.acme.grpc;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.healthstarter.grpc.GrpcHealthService;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.server.autoconfigure.health.GrpcServerHealthAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Boot's gRPC health auto-configuration and Actuator on the class path and nothing configured to turn it off,
 * the starter's health service answers and Boot's scheduled updater never evaluates an Actuator contributor: the
 * indicator here is called only by the engine's threads, and not at all while nothing asks. Boot's schedule is made
 * ten times a second so that, were it running, it would show within the test.
 */
@SpringBootTest(classes = { GrpcHealthTests.GrpcApplication.class, BootsGrpcHealthUpdaterTests.Ledger.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.grpc.server.address=127.0.0.1", "spring.grpc.server.port=0", "health.cache-ttl=100ms",
				"spring.grpc.server.health.schedule.period=100ms", "spring.grpc.server.health.schedule.delay=0s" })
@Timeout(60)
class BootsGrpcHealthUpdaterTests {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private CountingIndicator ledger;

	private ManagedChannel channel;

	@BeforeEach
	void connect() {
		this.channel = GrpcHealthClient.channel(this.context);
	}

	@AfterEach
	void disconnect() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

	@Test
	void bootsGrpcHealthAutoConfigurationIsOnTheClassPathAndTheStartersServiceIsTheOnlyHealthService() {
		assertThat(GrpcServerHealthAutoConfiguration.class).isNotNull();
		assertThat(this.context.getBeansOfType(HealthGrpc.HealthImplBase.class)).containsOnlyKeys(
				"healthStarterGrpcService");
		assertThat(this.context.getBean("healthStarterGrpcService")).isInstanceOf(GrpcHealthService.class);
	}

	@Test
	void theStartersAnswersWin() {
		// groups are the starter's: Boot's service knows none of them
		assertThat(GrpcHealthClient.check(this.channel, "readiness")).isEqualTo("SERVING");
		assertThat(GrpcHealthClient.check(this.channel, "startup")).isEqualTo("SERVING");
		try (HealthWatch watch = HealthWatch.open(this.channel, "liveness")) {
			await().atMost(Duration.ofSeconds(5)).until(() -> watch.statuses().contains(ServingStatus.SERVING));
		}
	}

	@Test
	void bootsSchedulerEvaluatesNoContributor() {
		assertThat(GrpcHealthClient.check(this.channel, "")).isEqualTo("SERVING");
		int calls = this.ledger.calls();
		// ten of Boot's periods with no probe: nobody calls the indicator
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> this.ledger.calls() == calls);
		assertThat(this.ledger.threads()).isNotEmpty().allMatch((thread) -> thread.startsWith("health-"));
	}

	/** An Actuator health indicator of the application, counting its calls and the threads that make them. */
	static final class CountingIndicator implements HealthIndicator {

		private final AtomicInteger calls = new AtomicInteger();

		private final Set<String> threads = ConcurrentHashMap.newKeySet();

		@Override
		public Health health() {
			this.calls.incrementAndGet();
			this.threads.add(Thread.currentThread().getName());
			return Health.up().build();
		}

		int calls() {
			return this.calls.get();
		}

		Set<String> threads() {
			return Set.copyOf(this.threads);
		}

	}

	static class Ledger {

		@Bean
		CountingIndicator ledgerHealthIndicator() {
			return new CountingIndicator();
		}

	}

}
