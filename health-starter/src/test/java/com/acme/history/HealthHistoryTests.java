package com.acme.history;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import com.acme.testing.HttpTestClient;
import com.acme.testing.SwitchableCheck;
import dev.healthstarter.HealthCheckResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /health/history} and {@code since}, as a user reads them over HTTP.
 */
@SpringBootTest(classes = HealthHistoryTests.HistoryApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "health.cache-ttl=50ms", "health.history.size=3", "health.show-details=always" })
@Timeout(60)
class HealthHistoryTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@Autowired
	private SwitchableCheck payments;

	private HttpTestClient http;

	@BeforeEach
	void connect() {
		this.http = new HttpTestClient(this.port);
		this.payments.set(HealthCheckResult.healthy());
		awaitState("healthy");
	}

	@Test
	void sinceStaysWhileTheStateDoesAndMovesWhenItChanges() {
		JsonNode first = awaitState("healthy");
		String since = first.get("since").asString();
		// each poll past the 50 ms cache is a new evaluation, still healthy
		await().during(Duration.ofMillis(300))
			.atMost(WAIT)
			.untilAsserted(() -> assertThat(payments().get("since").asString()).isEqualTo(since));
		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode later = payments();
			assertThat(later.get("checkedAt").asString()).isNotEqualTo(first.get("checkedAt").asString());
			assertThat(later.get("since").asString()).isEqualTo(since);
		});
		this.payments.set(HealthCheckResult.degraded("slow card processor"));
		JsonNode degraded = awaitState("degraded");
		assertThat(Instant.parse(degraded.get("since").asString())).isAfter(Instant.parse(first.get("since").asString()));
	}

	@Test
	void historyKeepsTheNewestTransitionsInOrderUpToItsSize() {
		String[] states = { "unhealthy", "healthy", "degraded", "healthy", "unhealthy" };
		JsonNode last = null;
		for (String state : states) {
			this.payments.set(result(state));
			last = awaitState(state);
		}
		HttpResponse<String> response = this.http.get("/health/history");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		JsonNode transitions = HttpTestClient.json(response).get("transitions");
		assertThat(transitions.size()).isEqualTo(3);
		String[][] expected = { { "healthy", "degraded" }, { "degraded", "healthy" }, { "healthy", "unhealthy" } };
		Instant previous = Instant.MIN;
		for (int i = 0; i < 3; i++) {
			JsonNode transition = transitions.get(i);
			assertThat(transition.get("check").asString()).isEqualTo("payments");
			assertThat(transition.get("from").asString()).isEqualTo(expected[i][0]);
			assertThat(transition.get("to").asString()).isEqualTo(expected[i][1]);
			Instant at = Instant.parse(transition.get("at").asString());
			assertThat(at).isAfterOrEqualTo(previous);
			previous = at;
		}
		assertThat(transitions.get(2).get("message").asString()).isEqualTo("unhealthy for the test");
		assertThat(transitions.get(2).get("at").asString()).isEqualTo(last.get("since").asString());
	}

	@Test
	void historyAnswersHeadAndRefusesOtherMethods() {
		HttpResponse<String> head = this.http.send("HEAD", "/health/history");
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.body()).isEmpty();
		HttpResponse<String> post = this.http.send("POST", "/health/history");
		assertThat(post.statusCode()).isEqualTo(405);
		assertThat(post.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(post.headers().firstValue("Allow"))
			.hasValueSatisfying((allow) -> assertThat(allow).contains("GET").contains("HEAD"));
	}

	/** Polls {@code GET /health} until the payments check reports {@code state}; returns its part. */
	private JsonNode awaitState(String state) {
		AtomicReference<JsonNode> check = new AtomicReference<>();
		await().atMost(WAIT).untilAsserted(() -> {
			check.set(payments());
			assertThat(check.get().get("state").asString()).isEqualTo(state);
		});
		return check.get();
	}

	/** The payments check's part of {@code GET /health}. */
	private JsonNode payments() {
		return HttpTestClient.json(this.http.get("/health")).get("checks").get("payments");
	}

	private static HealthCheckResult result(String state) {
		return switch (state) {
			case "healthy" -> HealthCheckResult.healthy();
			case "degraded" -> HealthCheckResult.degraded("degraded for the test");
			default -> HealthCheckResult.unhealthy("unhealthy for the test");
		};
	}

	@SpringBootApplication
	static class HistoryApplication {

		@Bean
		SwitchableCheck paymentsHealthCheck() {
			return new SwitchableCheck();
		}

	}

}
