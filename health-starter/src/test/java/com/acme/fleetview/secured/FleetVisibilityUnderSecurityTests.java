package com.acme.fleetview.secured;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import com.acme.testing.FreePorts;
import com.acme.testing.HttpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three secured replicas with {@code health.show-components=when-authorized}: an anonymous caller gets the fleet's
 * status and counts from {@code GET /health/fleet} and its stream, and no instance's {@code host:port}; a caller with
 * the role {@code OPS} (HTTP Basic) sees every instance and its checks, and the dashboard page opens for both.
 */
@Timeout(180)
class FleetVisibilityUnderSecurityTests {

	private static final String OPS = HttpTestClient.basic("ops", "secret");

	private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	@AfterEach
	void stop() {
		this.replicas.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void anonymousCallersGetCountsAndAuthorizedOnesSeeEveryInstance() throws Exception {
		int[] ports = FreePorts.loopback(3);
		String peers = Arrays.stream(ports)
			.mapToObj((port) -> "http://127.0.0.1:" + port)
			.collect(Collectors.joining(","));
		for (int port : ports) {
			this.replicas.add(new SpringApplicationBuilder(SecuredFleetApplication.class)
				.properties("server.port=" + port, "server.address=127.0.0.1", "spring.main.banner-mode=off",
						"health.stream.heartbeat=500ms", "health.fleet.peers=" + peers, "health.fleet.token=s3cret",
						"health.show-components=when-authorized", "health.ui.enabled=true",
						"spring.security.user.name=ops", "spring.security.user.password=secret",
						"spring.security.user.roles=OPS", "health.security.http-basic=true", "health.roles=OPS")
				.run());
		}
		HttpTestClient http = new HttpTestClient(ports[0]);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(HttpTestClient
			.json(http.get("/health/fleet", "Authorization", OPS))
			.path("instances")
			.propertyNames()).hasSize(3));
		await().atMost(Duration.ofSeconds(3)).untilAsserted(
				() -> assertThat(HttpTestClient.json(http.get("/health/fleet")).path("healthy").asInt()).isEqualTo(3));

		String anonymous = http.get("/health/fleet").body();
		assertThat(anonymous).isEqualTo("{\"status\":\"healthy\",\"healthy\":3,\"degraded\":0,\"unhealthy\":0,"
				+ "\"unknown\":0,\"maintenance\":0,\"watched\":2,\"members\":3}");
		JsonNode authorized = HttpTestClient.json(http.get("/health/fleet", "Authorization", OPS));
		assertThat(authorized.path("instances").propertyNames()).containsExactlyInAnyOrder("127.0.0.1:" + ports[0],
				"127.0.0.1:" + ports[1], "127.0.0.1:" + ports[2]);
		assertThat(authorized.path("instances").path("127.0.0.1:" + ports[1]).path("checks").path("database")
			.asString()).isEqualTo("healthy");
		assertThat(authorized.path("healthy").asInt()).isEqualTo(3);

		try (HttpTestClient.SseStream stream = http.stream("/health/fleet/$stream?mode=changes")) {
			String frame = String.join("\n", stream.next().lines());
			assertThat(frame).contains("\"healthy\":3").doesNotContain("127.0.0.1").doesNotContain(":" + ports[1]);
		}
		try (HttpTestClient.SseStream stream = http.stream("/health/fleet/$stream?mode=changes", "Authorization",
				OPS)) {
			assertThat(stream.next().data().path("instances").path("127.0.0.1:" + ports[2]).path("status").asString())
				.isEqualTo("healthy");
		}
		for (String caller : new String[] { null, OPS }) {
			var page = (caller != null) ? http.get("/health/ui?view=fleet", "Authorization", caller)
					: http.get("/health/ui?view=fleet");
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("data-fleet=\"true\"");
		}
	}

}
