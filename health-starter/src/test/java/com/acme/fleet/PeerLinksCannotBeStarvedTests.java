package com.acme.fleet;

import java.io.BufferedReader;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.acme.testing.HttpTestClient;
import com.acme.testing.RawStreamClient;
import dev.healthstarter.HealthCheckResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three replicas with the fleet token, fail-open, and small stream caps (16 in all, 2 per client address) that
 * anonymous streams from 127.0.0.2 to 127.0.0.9 keep full: the peers' links, bearing the token, are admitted beside
 * them, up to one per member, and counted apart in {@code health_stream_subscribers}, so a replica restarted during
 * the flood links to every peer within two heartbeats (500 ms each) and fails open with the others in a shared
 * outage. Peers that cannot be reached do not end failing open until they are reachable again.
 */
@Timeout(240)
class PeerLinksCannotBeStarvedTests {

	private static final String TOKEN = "Authorization: Bearer s3cret";

	private final Replicas replicas = new Replicas(3, "health.fleet.token=s3cret",
			"health.fleet.fail-open.enabled=true", "health.stream.max-subscribers=16",
			"health.stream.max-subscribers-per-client=2");

	private final AnonymousStreams flood = new AnonymousStreams();

	@AfterEach
	void stop() throws Exception {
		this.flood.close();
		this.replicas.close();
	}

	@Test
	void aReplicaRestartedWhileAnonymousStreamsFillTheCapsLinksToEveryPeerAndFailsOpenWithThem() throws Exception {
		this.replicas.startAll();
		this.replicas.awaitSeenHealthyBy(0, 1, 2);
		for (int i = 0; i < 3; i++) {
			assertThat(this.flood.fill(this.replicas.port(i))).isEqualTo(16);
		}
		for (int i = 0; i < 3; i++) {
			HttpTestClient client = this.replicas.client(i);
			// a link restarted after a silence counts twice until its first connection is found gone
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(client.streamSubscribers("client")).isEqualTo(16.0);
				assertThat(client.streamSubscribers("peer")).isEqualTo(2.0);
			});
		}
		this.replicas.stop(2);
		String restarted = this.replicas.key(2);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(this.replicas.states(0)).containsEntry(restarted, "unknown");
			assertThat(this.replicas.states(1)).containsEntry(restarted, "unknown");
		});
		// whatever its links held is retaken, if the caps give it
		this.flood.fill(this.replicas.port(0));
		this.flood.fill(this.replicas.port(1));
		this.replicas.start(2);
		long started = System.nanoTime();
		// two heartbeats
		await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
				assertThat(this.replicas.states(2)).containsOnlyKeys(this.replicas.keys())
					.allSatisfy((key, state) -> assertThat(state).isEqualTo("healthy")));
		System.out.println("PeerLinksCannotBeStarvedTests: the restarted replica saw both peers healthy "
				+ Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms after its start returned");
		this.replicas.awaitSeenHealthyBy(0, 1, 2);
		for (int i = 0; i < 3; i++) {
			this.replicas.database(i, HealthCheckResult.unhealthy("connection refused"));
		}
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			for (int i = 0; i < 3; i++) {
				var readiness = this.replicas.client(i).get("/health/readiness");
				assertThat(readiness.statusCode()).as("readiness of replica " + i).isEqualTo(200);
				JsonNode database = HttpTestClient.json(readiness).path("checks").path("database");
				assertThat(database.path("failingOpen").asString()).isEqualTo("unhealthy on 3 of 3 instances");
			}
		});
		// the caps still hold the anonymous streams out
		try (Socket refused = RawStreamClient.from("127.0.0.2", this.replicas.port(0), "/health/$stream")) {
			assertThat(RawStreamClient.head(RawStreamClient.reader(refused)).get(0)).contains(" 503");
		}
	}

	/**
	 * Peers that cannot be reached take the quorum away, not the decision: a replica failing open keeps failing open
	 * while they are unknown, and decides again once they are back.
	 */
	@Test
	void aReplicaFailingOpenKeepsItsDecisionWhileItsPeersAreUnreachableUntilTheyReturn() {
		this.replicas.startAll();
		this.replicas.awaitSeenHealthyBy(0, 1, 2);
		for (int i = 0; i < 3; i++) {
			this.replicas.database(i, HealthCheckResult.unhealthy("connection refused"));
		}
		HttpTestClient first = this.replicas.client(0);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(HttpTestClient
			.json(first.get("/health/readiness")).path("checks").path("database").path("failingOpen").asString())
			.isEqualTo("unhealthy on 3 of 3 instances"));
		this.replicas.stop(1);
		this.replicas.stop(2);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(
				() -> assertThat(first.metric("health_fleet_instances", "{state=\"unknown\"}")).isEqualTo(2.0));
		var readiness = first.get("/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(HttpTestClient.json(readiness).path("checks").path("database").path("failingOpen").asString())
			.isEqualTo("unhealthy on 1 of 1 instances, 2 unknown: held until 3 are reachable");
		// back, healthy: one replica of three is no shared outage
		this.replicas.start(1);
		this.replicas.start(2);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(first.get("/health/readiness").statusCode()).isEqualTo(503));
	}

	@Test
	void theTokenOpensNoMoreStreamsThanTheFleetHasMembers() throws Exception {
		this.replicas.startAll();
		this.replicas.awaitSeenHealthyBy(0, 1, 2);
		HttpTestClient client = this.replicas.client(0);
		await().atMost(Duration.ofSeconds(10)).until(() -> client.streamSubscribers("peer") == 2.0);
		List<Socket> sockets = new ArrayList<>();
		try {
			int opened = 0;
			List<String> refusal = null;
			for (int i = 0; i < 10 && refusal == null; i++) {
				Socket socket = RawStreamClient.from("127.0.0.1", this.replicas.port(0), "/health/$stream?mode=changes",
						TOKEN);
				sockets.add(socket);
				BufferedReader reader = RawStreamClient.reader(socket);
				List<String> head = RawStreamClient.head(reader);
				if (head.get(0).contains(" 200")) {
					opened++;
				}
				else {
					refusal = head;
				}
			}
			// three members: the two peers' links and one more (none if a peer's link was just replaced, its first
			// connection not yet found gone)
			assertThat(opened).isLessThanOrEqualTo(1);
			assertThat(refusal).isNotNull();
			assertThat(refusal.get(0)).contains(" 503");
			assertThat(refusal).anySatisfy((line) -> assertThat(line).startsWithIgnoringCase("Retry-After:"));
			assertThat(client.streamSubscribers("peer")).isLessThanOrEqualTo(3.0);
			// the anonymous caps are untouched
			try (Socket anonymous = RawStreamClient.from("127.0.0.2", this.replicas.port(0), "/health/$stream")) {
				assertThat(RawStreamClient.head(RawStreamClient.reader(anonymous)).get(0)).contains(" 200");
			}
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
		}
		await().atMost(Duration.ofSeconds(5))
			.until(() -> client.streamSubscribers("peer") == 2.0);
	}

}
