package com.acme.fleet;

import java.io.IOException;
import java.time.Duration;

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
 * Three replicas on 127.0.0.1 that list each other in {@code health.fleet.peers}: each sees the whole fleet in
 * {@code GET /health/fleet}, a check's change on one reaches the others, a stopped one turns unknown and comes
 * back after its restart, and the link works with the fleet token where anonymous callers see no checks.
 */
@Timeout(60)
class StaticPeersTests {

	private Replicas replicas;

	@AfterEach
	void stop() {
		this.replicas.close();
	}

	@Test
	void everyReplicaSeesTheFleetAndItsChanges() {
		this.replicas = new Replicas(3).startAll();
		this.replicas.awaitSeenHealthyBy(0, 1, 2);
		await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
			for (int i = 0; i < 3; i++) {
				JsonNode fleet = this.replicas.fleet(i);
				assertThat(fleet.path("members").asInt()).isEqualTo(3);
				assertThat(fleet.path("watched").asInt()).isEqualTo(2);
			}
		});
		this.replicas.database(1, HealthCheckResult.unhealthy("connection refused"));
		String second = this.replicas.key(1);
		await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> {
			JsonNode fleet = this.replicas.fleet(0);
			assertThat(fleet.path("instances").path(second).path("status").asString()).isEqualTo("unhealthy");
			assertThat(fleet.path("instances").path(second).path("checks").path("database").asString())
				.isEqualTo("unhealthy");
			assertThat(fleet.path("checks").path("database").path("unhealthy").asInt()).isEqualTo(1);
			assertThat(fleet.path("checks").path("database").path("healthy").asInt()).isEqualTo(2);
			assertThat(fleet.path("status").asString()).isEqualTo("degraded");
		});
	}

	@Test
	void theFleetStreamPushesAReplicasChange() throws Exception {
		this.replicas = new Replicas(3).startAll();
		this.replicas.awaitSeenHealthyBy(0);
		String second = this.replicas.key(1);
		try (HttpTestClient.SseStream stream = this.replicas.client(0)
			.stream("/health/fleet/$stream?mode=changes&poll_interval=30")) {
			assertThat(stream.response.statusCode()).isEqualTo(200);
			JsonNode first = stream.next().data();
			assertThat(first.path("instances").path(second).path("status").asString()).isEqualTo("healthy");
			this.replicas.database(1, HealthCheckResult.unhealthy("connection refused"));
			long changed = System.nanoTime();
			JsonNode pushed = nextData(stream);
			assertThat(Duration.ofNanos(System.nanoTime() - changed)).isLessThan(Duration.ofSeconds(1));
			assertThat(pushed.path("instances").path(second).path("status").asString()).isEqualTo("unhealthy");
			assertThat(pushed.path("instances").path(second).path("checks").path("database").asString())
				.isEqualTo("unhealthy");
		}
	}

	/** The next data frame, heartbeats skipped. */
	private static JsonNode nextData(HttpTestClient.SseStream stream) throws IOException {
		HttpTestClient.Frame frame = stream.next();
		while (frame != null && frame.isComment()) {
			frame = stream.next();
		}
		assertThat(frame).isNotNull();
		return frame.data();
	}

	@Test
	void aStoppedReplicaIsUnknownAndComesBackAfterItsRestart() {
		this.replicas = new Replicas(3).startAll();
		String third = this.replicas.key(2);
		await().atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(this.replicas.states(0)).containsEntry(third, "healthy"));
		this.replicas.stop(2);
		// two heartbeats of 500 ms
		await().atMost(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(this.replicas.states(0)).containsEntry(third, "unknown"));
		assertThat(this.replicas.fleet(0).path("status").asString()).isEqualTo("degraded");
		this.replicas.start(2);
		await().atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(this.replicas.states(0)).containsEntry(third, "healthy"));
	}

	@Test
	void theLinkCarriesStatesWithTheTokenWhileAnonymousCallersSeeNoChecks() {
		this.replicas = new Replicas(3, "health.show-components=never", "health.fleet.token=s3cret").startAll();
		// what an anonymous caller sees of the fleet: its instances counted by state
		await().atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(this.replicas.fleet(0).path("healthy").asInt()).isEqualTo(3));
		HttpTestClient client = this.replicas.client(1);
		assertThat(HttpTestClient.json(client.get("/health")).has("checks")).isFalse();
		assertThat(this.replicas.fleet(0).has("checks")).isFalse();
		assertThat(this.replicas.fleet(0).has("instances")).isFalse();
		JsonNode asPeer = HttpTestClient.json(client.get("/health", "Authorization", "Bearer s3cret"));
		assertThat(asPeer.path("checks").path("database").path("state").asString()).isEqualTo("healthy");
		this.replicas.context(1).getBean(SwitchableCheck.class).set(HealthCheckResult.unhealthy("password expired"));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> HttpTestClient.json(client.get("/health")).path("status").asString(), "unhealthy"::equals);
		await().atMost(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(this.replicas.fleet(0).path("unhealthy").asInt()).isEqualTo(1));
		String asPeerNow = client.get("/health", "Authorization", "Bearer s3cret").body();
		assertThat(asPeerNow).contains("\"database\":{\"state\":\"unhealthy\"").doesNotContain("password expired");
		assertThat(client.get("/health", "Authorization", "Bearer wrong").body()).doesNotContain("database");
	}

}
