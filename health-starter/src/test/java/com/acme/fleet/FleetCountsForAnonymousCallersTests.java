package com.acme.fleet;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Pattern;

import com.acme.testing.HttpTestClient;
import com.acme.testing.SwitchableCheck;
import dev.healthstarter.HealthCheckResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three replicas with {@code health.show-components=never}: an anonymous caller gets from {@code GET /health/fleet}
 * and {@code /health/fleet/$stream} the fleet's status and its instances counted by state, and no instance's
 * {@code host:port} (pod IPs, in a cluster), while the links, bearing the token, still carry each check's state.
 */
@Timeout(180)
class FleetCountsForAnonymousCallersTests {

	/** An authority such as {@code 127.0.0.1:8080}, or a port alone after a colon. */
	private static final Pattern ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+|\\[[0-9a-f:]+\\]|:\\d{2,5}\\b");

	private final Replicas replicas = new Replicas(3, "health.show-components=never", "health.fleet.token=s3cret");

	@AfterEach
	void stop() {
		this.replicas.close();
	}

	@Test
	void anAnonymousCallerGetsTheFleetsStatusAndCountsAndNoAddress() {
		this.replicas.startAll();
		await().atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(this.replicas.fleet(0).path("healthy").asInt()).isEqualTo(3));
		String body = this.replicas.client(0).get("/health/fleet").body();
		assertThat(HttpTestClient.json(this.replicas.client(0).get("/health/fleet")).propertyNames())
			.containsExactly("status", "healthy", "degraded", "unhealthy", "unknown", "maintenance", "watched", "members");
		assertThat(body).isEqualTo("{\"status\":\"healthy\",\"healthy\":3,\"degraded\":0,\"unhealthy\":0,\"unknown\":0,"
				+ "\"maintenance\":0,\"watched\":2,\"members\":3}");
		this.replicas.stop(2);
		await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
			JsonNode fleet = this.replicas.fleet(0);
			assertThat(fleet.path("unknown").asInt()).isEqualTo(1);
			assertThat(fleet.path("status").asString()).isEqualTo("degraded");
		});
		assertThat(this.replicas.client(0).get("/health/fleet").body()).doesNotContainPattern(ADDRESS);
	}

	@Test
	void theFleetStreamShowsAnAnonymousCallerCountsAndNoAddress() throws Exception {
		this.replicas.startAll();
		await().atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(this.replicas.fleet(0).path("healthy").asInt()).isEqualTo(3));
		try (HttpTestClient.SseStream stream = this.replicas.client(0)
			.stream("/health/fleet/$stream?mode=changes&poll_interval=30")) {
			HttpTestClient.Frame first = stream.next();
			assertThat(String.join("\n", first.lines())).doesNotContainPattern(ADDRESS);
			assertThat(first.data().path("healthy").asInt()).isEqualTo(3);
			assertThat(first.data().has("instances")).isFalse();
			this.replicas.context(1)
				.getBean(SwitchableCheck.class)
				.set(HealthCheckResult.unhealthy("connection refused to 10.1.2.3:5432"));
			HttpTestClient second = this.replicas.client(1);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> HttpTestClient.json(second.get("/health")).path("status").asString(), "unhealthy"::equals);
			long changed = System.nanoTime();
			HttpTestClient.Frame pushed = nextData(stream);
			while (pushed.data().path("unhealthy").asInt() != 1
					&& System.nanoTime() - changed < Duration.ofSeconds(3).toNanos()) {
				assertThat(String.join("\n", pushed.lines())).doesNotContainPattern(ADDRESS);
				pushed = nextData(stream);
			}
			assertThat(String.join("\n", pushed.lines())).doesNotContainPattern(ADDRESS).doesNotContain("database");
			assertThat(pushed.data().path("unhealthy").asInt()).isEqualTo(1);
			assertThat(pushed.data().path("healthy").asInt()).isEqualTo(2);
			assertThat(pushed.data().path("status").asString()).isEqualTo("degraded");
		}
	}

	/** The next data frame, heartbeats skipped. */
	private static HttpTestClient.Frame nextData(HttpTestClient.SseStream stream) throws IOException {
		HttpTestClient.Frame frame = stream.next();
		while (frame != null && frame.isComment()) {
			frame = stream.next();
		}
		assertThat(frame).isNotNull();
		return frame;
	}

}
