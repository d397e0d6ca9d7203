package com.acme.actuator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.acme.testing.HttpTestClient;
import dev.healthstarter.HealthCheckRegistry;
import dev.healthstarter.HealthCheckResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Actuator both ways on a started server: the starter's checks in {@code /actuator/health} with their states
 * mapped, Actuator's indicators evaluated through the engine (a hung one answers within its timeout), groups and
 * probes keeping their semantics. The cache TTL is long, so each check is called once for all the requests here.
 */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "health.cache-ttl=10m", "health.checks.ledger.timeout=300ms", "health.checks.ledger.critical=false", "health.show-details=always",
				"management.endpoints.web.exposure.include=health",
				"management.endpoint.health.show-details=always", "management.endpoint.health.probes.enabled=true",
				"management.health.defaults.enabled=false", "management.endpoint.health.group.shop.include=inventory,search",
				"management.endpoint.health.group.shop.show-details=always" })
@Timeout(60)
class ActuatorBothWaysTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ShopApplication.CountingCheck inventoryHealthCheck;

	@Autowired
	private HealthCheckRegistry registry;

	private HttpTestClient http;

	@BeforeEach
	void connect() {
		this.http = new HttpTestClient(this.port);
	}

	@Test
	void checksShowInActuatorWithTheirStatesMappedAndAreCalledOnceForBothEndpoints() {
		assertThat(this.http.get("/health").statusCode()).isEqualTo(200);
		JsonNode actuator = HttpTestClient.json(this.http.get("/actuator/health")).get("components");
		assertThat(actuator.get("inventory").get("status").asString()).isEqualTo("UP");
		JsonNode search = actuator.get("search");
		assertThat(search.get("status").asString()).isEqualTo("UP");
		assertThat(search.get("details").get("state").asString()).isEqualTo("degraded");
		assertThat(search.get("details").get("message").asString()).isEqualTo("index lagging");
		assertThat(this.http.get("/actuator/health/inventory").statusCode()).isEqualTo(200);
		assertThat(this.inventoryHealthCheck.calls).hasValue(1);
	}

	@Test
	void everyContributorShowsOnceAndTheUsersCheckKeepsItsName() {
		JsonNode components = HttpTestClient.json(this.http.get("/actuator/health")).get("components");
		List<String> names = new ArrayList<>(components.propertyNames());
		assertThat(names).containsExactlyInAnyOrder("inventory", "search", "payments", "warehouses", "shipping",
				"ledger", "livenessState", "readinessState");
		assertThat(components.get("payments").get("details").get("from").asString()).isEqualTo("the indicator");
		assertThat(components.get("warehouses").get("components").propertyNames()).hasSize(10);
		JsonNode checks = HttpTestClient.json(this.http.get("/health")).get("checks");
		assertThat(checks.get("payments").get("message").asString()).isEqualTo("the check");
		assertThat(checks.propertyNames()).contains("inventory", "search", "payments", "warehouses.w0", "shipping",
				"ledger");
	}

	@Test
	void aHungIndicatorAnswersDownWithinItsTimeout() {
		long start = System.nanoTime();
		JsonNode ledger = HttpTestClient.json(this.http.get("/actuator/health/ledger"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1300));
		assertThat(ledger.get("status").asString()).isEqualTo("DOWN");
		assertThat(ledger.get("details").get("error").asString())
			.isEqualTo("timed out after 300ms, waiting in com.acme.actuator.ShopApplication.sleep");
		assertThat(this.http.get("/actuator/health").statusCode()).isEqualTo(503);
	}

	@Test
	void groupsAndProbesKeepTheirSemantics() {
		JsonNode shop = HttpTestClient.json(this.http.get("/actuator/health/shop"));
		assertThat(shop.get("components").propertyNames()).containsExactlyInAnyOrder("inventory", "search");
		assertThat(shop.get("status").asString()).isEqualTo("UP");
		assertThat(this.http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
	}

	@Test
	void checksRegisteredLaterComeAndGo() {
		this.registry.register("coupons", () -> HealthCheckResult.unhealthy("expired"));
		try {
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(this.http.get("/actuator/health/coupons").statusCode()).isEqualTo(503));
			assertThat(HttpTestClient.json(this.http.get("/actuator/health/coupons")).get("details").get("message")
				.asString()).isEqualTo("expired");
		}
		finally {
			this.registry.unregister("coupons");
		}
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.http.get("/actuator/health/coupons").statusCode()).isEqualTo(404));
	}

}
