package com.acme.secured;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.acme.testing.HttpTestClient.SseStream;
import com.acme.testing.HttpTestClient;
import com.acme.testing.SwitchableCheck;
import dev.healthstarter.HealthCheckResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.security.user.name=ops", "spring.security.user.password=secret",
				"spring.security.user.roles=OPS", "health.show-details=when-authorized", "health.security.http-basic=true",
				"health.additional-paths.[/readyz]=readiness", "health.checks.payments.critical=false",
				"health.cache-ttl=50ms" })
@Timeout(60)
class SecuredApplicationTests {

	private static final String OPS = HttpTestClient.basic("ops", "secret");

	@LocalServerPort
	private int port;

	@Autowired
	private SwitchableCheck payments;

	private HttpTestClient http;

	@BeforeEach
	void connect() {
		this.http = new HttpTestClient(this.port);
	}

	@Test
	void applicationStaysProtectedWhileHealthPathsAnswerAnonymously() {
		assertThat(this.http.get("/api/orders").statusCode()).isEqualTo(401);
		assertThat(this.http.get("/api/orders", "Authorization", OPS).statusCode()).isEqualTo(200);
		for (String path : new String[] { "/health", "/health/liveness", "/health/readiness", "/health/startup",
				"/readyz" }) {
			assertThat(this.http.get(path).statusCode()).as(path).isEqualTo(200);
		}
	}

	@Test
	void metricsStayBehindTheApplicationsSecurity() {
		assertThat(this.http.get("/metrics").statusCode()).isEqualTo(401);
		assertThat(this.http.get("/metrics", "Authorization", OPS).statusCode()).isEqualTo(200);
	}

	@Test
	void whenAuthorizedShowsDetailsOnlyToAnAuthenticatedCaller() {
		this.payments.set(HealthCheckResult.degraded("card processor slow"));
		awaitPayments("degraded");
		JsonNode anonymous = HttpTestClient.json(this.http.get("/health"));
		assertThat(anonymous.get("checks").get("payments").has("message")).isFalse();
		JsonNode authenticated = HttpTestClient.json(this.http.get("/health", "Authorization", OPS));
		assertThat(authenticated.get("checks").get("payments").get("message").asString()).isEqualTo("card processor slow");
		this.payments.set(HealthCheckResult.healthy());
		HttpResponse<String> wrongPassword = this.http.get("/health", "Authorization",
				HttpTestClient.basic("ops", "nope"));
		assertThat(wrongPassword.statusCode()).isEqualTo(401);
	}

	@Test
	void streamAppliesTheSamePolicy() throws Exception {
		try (SseStream anonymous = this.http.stream("/health/$stream")) {
			assertThat(anonymous.response.statusCode()).isEqualTo(200);
			JsonNode frame = anonymous.next().data();
			assertThat(frame.get("status").asString()).isEqualTo("healthy");
			assertThat(frame.get("checks").get("inventory").has("durationMs")).isTrue();
		}
		try (SseStream authenticated = this.http.stream("/health/$stream", "Authorization", OPS)) {
			assertThat(authenticated.next().data().get("checks").has("inventory")).isTrue();
		}
	}

	@Test
	void historyShowsTransitionsToEveryCallerAndTheirMessagesOnlyToAnAuthorizedOne() {
		this.payments.set(HealthCheckResult.unhealthy("card processor down"));
		awaitPayments("unhealthy");
		this.payments.set(HealthCheckResult.healthy());
		awaitPayments("healthy");
		JsonNode anonymous = HttpTestClient.json(this.http.get("/health/history")).get("transitions");
		JsonNode outage = anonymous.get(anonymous.size() - 2);
		assertThat(outage.get("check").asString()).isEqualTo("payments");
		assertThat(outage.get("to").asString()).isEqualTo("unhealthy");
		assertThat(outage.has("message")).isFalse();
		JsonNode authorized = HttpTestClient.json(this.http.get("/health/history", "Authorization", OPS)).get("transitions");
		assertThat(authorized.get(authorized.size() - 2).get("message").asString()).isEqualTo("card processor down");
	}

	private void awaitPayments(String state) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
				HttpTestClient.json(this.http.get("/health", "Authorization", OPS)).get("checks").get("payments").get("state").asString())
			.isEqualTo(state));
	}

}
