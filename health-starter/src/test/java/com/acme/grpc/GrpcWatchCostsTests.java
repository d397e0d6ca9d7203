package com.acme.grpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.acme.testing.SwitchableCheck;
import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.grpc.GrpcHealthService;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What {@code Watch} calls cost, through grpc-java's generated stubs on a started server: a status that does not
 * change is never sent again, however often its checks run; 1,000 watchers of one client get a change within 500 ms
 * at the 99th percentile, cost one call of a check per cache window, and are not delayed by a watcher that stopped
 * reading.
 */
@SpringBootTest(classes = GrpcHealthTests.GrpcApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.grpc.server.address=127.0.0.1", "spring.grpc.server.port=0", "health.cache-ttl=200ms",
				"health.checks.inventory.groups=readiness,orders", "health.checks.heartbeat.groups=liveness" })
@Timeout(60)
class GrpcWatchCostsTests {

	private static final Duration CACHE_TTL = Duration.ofMillis(200);

	private static final int WATCHERS = 1_000;

	private static final int CHANNELS = 4;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private GrpcHealthService service;

	@Autowired
	@Qualifier("inventoryHealthCheck")
	private SwitchableCheck inventory;

	private final List<ManagedChannel> channels = new ArrayList<>();

	@BeforeEach
	void connect() {
		this.inventory.set(HealthCheckResult.healthy());
		for (int i = 0; i < CHANNELS; i++) {
			this.channels.add(GrpcHealthClient.channel(this.context));
		}
		// readiness has a known state, so every watcher starts with SERVING rather than SERVICE_UNKNOWN
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "SERVING".equals(GrpcHealthClient.check(this.channels.get(0), "readiness")));
	}

	@AfterEach
	void disconnect() throws InterruptedException {
		for (ManagedChannel channel : this.channels) {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void watchOnReadinessSendsNoStatusTwiceOverTenSecondsOfUnchangedState() {
		try (HealthWatch watch = HealthWatch.open(this.channels.get(0), "readiness")) {
			await().atMost(Duration.ofSeconds(5)).until(() -> watch.statuses().size() == 1);
			int calls = this.inventory.calls();
			await().during(Duration.ofSeconds(10))
				.atMost(Duration.ofSeconds(12))
				.until(() -> watch.statuses().size() == 1);
			assertThat(watch.statuses()).containsExactly(ServingStatus.SERVING);
			assertThat(watch.error()).isNull();
			// the watched group was evaluated again and again meanwhile: the silence is not for want of results
			assertThat(this.inventory.calls() - calls).isGreaterThan(10);
		}
	}

	@Test
	void aChangeReachesAThousandWatchersWithin500MillisecondsAtP99OnOneCallOfTheCheckPerCacheWindow() {
		long start = System.nanoTime();
		int callsBefore = this.inventory.calls();
		List<HealthWatch> watches = new ArrayList<>();
		// opened first, so every change is offered to it before the others
		HealthWatch stalled = HealthWatch.stalled(this.channels.get(0), "readiness");
		try {
			for (int i = 0; i < WATCHERS; i++) {
				watches.add(HealthWatch.open(this.channels.get(i % CHANNELS), "readiness"));
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> this.service.watchCount() == WATCHERS + 1);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> watches.stream().allMatch((watch) -> watch.statuses().size() == 1));

			List<Duration> lags = new ArrayList<>(lags(watches, ServingStatus.NOT_SERVING,
					HealthCheckResult.unhealthy("connection refused")));
			lags.addAll(lags(watches, ServingStatus.SERVING, HealthCheckResult.healthy()));
			lags.sort(null);
			Duration p99 = lags.get(lags.size() * 99 / 100 - 1);
			assertThat(p99).as("p99 of %d lags, the longest %s", lags.size(), lags.get(lags.size() - 1))
				.isLessThan(Duration.ofMillis(500));
			assertThat(watches).allMatch((watch) -> watch.statuses()
				.equals(List.of(ServingStatus.SERVING, ServingStatus.NOT_SERVING, ServingStatus.SERVING))
					&& watch.error() == null);
			assertThat(stalled.statuses()).isEmpty();
			assertThat(stalled.error()).isNull();

			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			assertThat(this.inventory.calls() - callsBefore).as("calls in %s", elapsed)
				.isLessThanOrEqualTo((int) (elapsed.toMillis() / CACHE_TTL.toMillis()) + 1);
		}
		finally {
			stalled.close();
			watches.forEach(HealthWatch::close);
		}
	}

	/**
	 * @return how long after the check turned to the result each watcher received the status
	 */
	private List<Duration> lags(List<HealthWatch> watches, ServingStatus status, HealthCheckResult result) {
		int received = watches.get(0).statuses().size();
		long change = System.nanoTime();
		this.inventory.set(result);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> watches.stream().allMatch((watch) -> watch.statuses().size() > received));
		return watches.stream().map((watch) -> {
			assertThat(watch.statuses().get(received)).isEqualTo(status);
			return Duration.ofNanos(watch.arrivals().get(received) - change);
		}).toList();
	}

}
