package com.acme.trial;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.acme.testing.HttpTestClient;
import com.acme.testing.SwitchableCheck;
import dev.healthstarter.HealthCheckResult;
import org.junit.jupiter.api.AfterEach;
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
 * A check marked {@code critical: false} fails: the starter answers 200 {@code degraded} and says the check is not
 * critical, and Actuator, which Spring Boot Admin and existing probes read, answers 200 {@code UP} too, with the
 * check's real state in its details, instead of reporting an outage the application calls optional.
 */
@SpringBootTest(classes = TrialApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "health.cache-ttl=100ms", "health.checks.payments.critical=false",
				"management.endpoints.web.exposure.include=health", "management.endpoint.health.show-details=always" })
@Timeout(60)
class NonCriticalCheckStaysOptionalInActuatorTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@Autowired
	private SwitchableCheck inventoryHealthCheck;

	@Autowired
	private SwitchableCheck paymentsHealthCheck;

	@Test
	void aFailingNonCriticalCheckIsDegradedInTheStarterAndUpInActuatorWithItsRealStateInDetails() {
		HttpTestClient http = new HttpTestClient(this.port);
		this.paymentsHealthCheck.set(HealthCheckResult.unhealthy("card processor down"));
		await().atMost(WAIT).untilAsserted(() -> {
			HttpResponse<String> health = http.get("/health");
			assertThat(health.statusCode()).isEqualTo(200);
			JsonNode body = HttpTestClient.json(health);
			assertThat(body.get("status").asString()).isEqualTo("degraded");
			JsonNode payments = body.get("checks").get("payments");
			assertThat(payments.get("state").asString()).isEqualTo("unhealthy");
			assertThat(payments.path("critical").isBoolean()).isTrue();
			assertThat(payments.path("critical").asBoolean()).isFalse();
			assertThat(body.get("checks").get("inventory").has("critical")).isFalse();
		});

		HttpResponse<String> actuator = http.get("/actuator/health");
		assertThat(actuator.statusCode()).isEqualTo(200);
		JsonNode body = HttpTestClient.json(actuator);
		assertThat(body.get("status").asString()).isEqualTo("UP");
		JsonNode payments = body.get("components").get("payments");
		assertThat(payments.get("status").asString()).isEqualTo("UP");
		assertThat(payments.get("details").get("state").asString()).isEqualTo("unhealthy");
		assertThat(payments.get("details").get("critical").asBoolean(true)).isFalse();
		assertThat(payments.get("details").get("message").asString()).isEqualTo("card processor down");
		assertThat(http.get("/actuator/health/payments").statusCode()).isEqualTo(200);
	}

	@Test
	void aFailingCriticalCheckStillTakesActuatorDown() {
		HttpTestClient http = new HttpTestClient(this.port);
		this.inventoryHealthCheck.set(HealthCheckResult.unhealthy("warehouse down"));
		await().atMost(WAIT).untilAsserted(() -> assertThat(http.get("/actuator/health").statusCode()).isEqualTo(503));
		JsonNode inventory = HttpTestClient.json(http.get("/actuator/health")).get("components").get("inventory");
		assertThat(inventory.get("status").asString()).isEqualTo("DOWN");
		assertThat(inventory.get("details").has("critical")).isFalse();
	}

	@AfterEach
	void recover() {
		HttpTestClient http = new HttpTestClient(this.port);
		this.inventoryHealthCheck.set(HealthCheckResult.healthy());
		this.paymentsHealthCheck.set(HealthCheckResult.healthy());
		await().atMost(WAIT).untilAsserted(() -> assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(HttpTestClient.json(http.get("/health")).get("status").asString())
				.isEqualTo("healthy"));
	}

}
