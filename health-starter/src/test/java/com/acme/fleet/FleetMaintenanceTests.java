package com.acme.fleet;

import java.time.Duration;

import com.acme.testing.HttpTestClient;
import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.core.MaintenanceMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica in maintenance, as its peers see it: the fleet view shows it as {@code maintenance} (counted apart, its
 * checks left out of the counts), and readiness's fail-open leaves it out, since a pod taken out on purpose is no
 * failure of the fleet, while it stays out of rotation itself.
 */
@Timeout(120)
class FleetMaintenanceTests {

	private final Replicas replicas = new Replicas(4, "health.fleet.fail-open.enabled=true",
			"health.maintenance.enabled=true");

	@AfterEach
	void stop() {
		this.replicas.close();
	}

	@Test
	void peersShowAReplicaInMaintenanceAndFailingOpenLeavesItOut() {
		this.replicas.startAll();
		this.replicas.awaitSeenHealthyBy(0);
		this.replicas.context(3).getBean(MaintenanceMode.class).enter("heap dump");
		await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
			JsonNode fleet = this.replicas.fleet(0);
			assertThat(fleet.path("maintenance").asInt()).isEqualTo(1);
			assertThat(fleet.path("healthy").asInt()).isEqualTo(3);
			assertThat(fleet.path("status").asString()).isEqualTo("degraded");
			assertThat(fleet.path("checks").path("database").path("healthy").asInt()).as("counted without it")
				.isEqualTo(3);
			assertThat(fleet.path("instances").valueStream().map((instance) -> instance.path("status").asString()))
				.containsOnlyOnce("maintenance");
		});
		assertThat(this.replicas.client(0).metric("health_fleet_instances", "{state=\"maintenance\"}")).isEqualTo(1.0);
		assertThat(this.replicas.client(3).metric("health_fleet_instances", "{state=\"maintenance\"}"))
			.as("as it sees itself").isEqualTo(1.0);

		for (int i = 0; i < 4; i++) {
			this.replicas.database(i, HealthCheckResult.unhealthy("connection refused"));
		}
		await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
			for (int i = 0; i < 3; i++) {
				var readiness = this.replicas.client(i).get("/health/readiness");
				assertThat(readiness.statusCode()).isEqualTo(200);
				assertThat(HttpTestClient.json(readiness).path("checks").path("database").path("failingOpen").asString())
					.isEqualTo("unhealthy on 3 of 3 instances");
			}
		});
		var inMaintenance = this.replicas.client(3).get("/health/readiness");
		assertThat(inMaintenance.statusCode()).as("out of rotation on purpose, whatever the fleet").isEqualTo(503);
		assertThat(HttpTestClient.json(inMaintenance).path("maintenance").path("reason").asString())
			.isEqualTo("heap dump");
		assertThat(this.replicas.client(3).get("/health/liveness").statusCode()).isEqualTo(200);
	}

}
