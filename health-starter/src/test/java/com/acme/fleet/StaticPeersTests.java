package com.acme.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.acme.testing.HttpTestClient;
import com.acme.testing.SwitchableCheck;
import dev.healthstarter.HealthCheckResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three replicas on 127.0.0.1 that list each other in {@code health.fleet.peers}: each sees the whole fleet in
 * {@code GET /health/fleet}, a check's change on one reaches the others, a stopped one turns unknown and comes
 * back after its restart.
 */
@Timeout(60)
class StaticPeersTests {

	private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	private final int[] ports = freePorts(3);

	@AfterEach
	void stop() {
		this.replicas.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void everyReplicaSeesTheFleetAndItsChanges() {
		for (int i = 0; i < 3; i++) {
			this.replicas.add(start(i));
		}
		await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
			for (int port : this.ports) {
				JsonNode fleet = fleet(port);
				assertThat(states(fleet)).containsOnlyKeys(keys()).allSatisfy((key, state) -> assertThat(state)
					.isEqualTo("healthy"));
				assertThat(fleet.path("instances").path("127.0.0.1:" + port).path("self").asBoolean()).isTrue();
				assertThat(fleet.path("members").asInt()).isEqualTo(3);
				assertThat(fleet.path("watched").asInt()).isEqualTo(2);
			}
		});
		this.replicas.get(1).getBean(SwitchableCheck.class).set(HealthCheckResult.unhealthy("connection refused"));
		String second = "127.0.0.1:" + this.ports[1];
		awaitReported(this.ports[1], "unhealthy");
		await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> {
			JsonNode fleet = fleet(this.ports[0]);
			assertThat(fleet.path("instances").path(second).path("status").asString()).isEqualTo("unhealthy");
			assertThat(fleet.path("instances").path(second).path("checks").path("database").asString())
				.isEqualTo("unhealthy");
			assertThat(fleet.path("checks").path("database").path("unhealthy").asInt()).isEqualTo(1);
			assertThat(fleet.path("checks").path("database").path("healthy").asInt()).isEqualTo(2);
			assertThat(fleet.path("status").asString()).isEqualTo("degraded");
		});
	}

	@Test
	void aStoppedReplicaIsUnknownAndComesBackAfterItsRestart() {
		for (int i = 0; i < 3; i++) {
			this.replicas.add(start(i));
		}
		String third = "127.0.0.1:" + this.ports[2];
		await().atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(states(fleet(this.ports[0]))).containsEntry(third, "healthy"));
		this.replicas.remove(2).close();
		// two heartbeats of 500 ms
		await().atMost(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(states(fleet(this.ports[0]))).containsEntry(third, "unknown"));
		assertThat(fleet(this.ports[0]).path("status").asString()).isEqualTo("degraded");
		this.replicas.add(start(2));
		await().atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(states(fleet(this.ports[0]))).containsEntry(third, "healthy"));
	}

	@Test
	void theLinkCarriesStatesWithTheTokenWhileAnonymousCallersSeeNoChecks() {
		for (int i = 0; i < 3; i++) {
			this.replicas.add(start(i, "health.show-components=never", "health.fleet.token=s3cret"));
		}
		await().atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(states(fleet(this.ports[0]))).containsOnlyKeys(keys())
				.allSatisfy((key, state) -> assertThat(state).isEqualTo("healthy")));
		HttpTestClient client = new HttpTestClient(this.ports[1]);
		assertThat(HttpTestClient.json(client.get("/health")).has("checks")).isFalse();
		assertThat(fleet(this.ports[0]).has("checks")).isFalse();
		assertThat(fleet(this.ports[0]).path("instances").path("127.0.0.1:" + this.ports[1]).has("checks")).isFalse();
		JsonNode asPeer = HttpTestClient.json(client.get("/health", "Authorization", "Bearer s3cret"));
		assertThat(asPeer.path("checks").path("database").path("state").asString()).isEqualTo("healthy");
		this.replicas.get(1).getBean(SwitchableCheck.class).set(HealthCheckResult.unhealthy("password expired"));
		awaitReported(this.ports[1], "unhealthy");
		await().atMost(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(states(fleet(this.ports[0])))
				.containsEntry("127.0.0.1:" + this.ports[1], "unhealthy"));
		String asPeerNow = client.get("/health", "Authorization", "Bearer s3cret").body();
		assertThat(asPeerNow).contains("\"database\":{\"state\":\"unhealthy\"").doesNotContain("password expired");
		assertThat(client.get("/health", "Authorization", "Bearer wrong").body()).doesNotContain("database");
	}

	/** Waits until the replica itself reports the state: the change then happened, after its cache expired. */
	private static void awaitReported(int port, String state) {
		await().atMost(Duration.ofSeconds(5))
			.until(() -> HttpTestClient.json(new HttpTestClient(port).get("/health")).path("status").asString(),
					state::equals);
	}

	private ConfigurableApplicationContext start(int replica, String... more) {
		String peers = Arrays.stream(this.ports)
			.mapToObj((port) -> "http://127.0.0.1:" + port)
			.collect(Collectors.joining(","));
		return new SpringApplicationBuilder(FleetApplication.class).properties("server.port=" + this.ports[replica],
				"server.address=127.0.0.1", "health.fleet.peers=" + peers, "health.stream.heartbeat=500ms",
				"spring.main.banner-mode=off")
			.properties(more)
			.run();
	}

	private List<String> keys() {
		return Arrays.stream(this.ports).mapToObj((port) -> "127.0.0.1:" + port).toList();
	}

	private static JsonNode fleet(int port) {
		return HttpTestClient.json(new HttpTestClient(port).get("/health/fleet"));
	}

	private static Map<String, String> states(JsonNode fleet) {
		return fleet.path("instances")
			.properties()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().path("status").asString()));
	}

	private static int[] freePorts(int count) {
		int[] ports = new int[count];
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				sockets.add(socket);
				ports[i] = socket.getLocalPort();
			}
			for (ServerSocket socket : sockets) {
				socket.close();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return ports;
	}

}
