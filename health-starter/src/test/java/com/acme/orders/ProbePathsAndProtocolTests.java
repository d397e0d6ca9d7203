package com.acme.orders;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.acme.testing.HttpTestClient;
import com.acme.testing.SwitchableCheck;
import dev.healthstarter.HealthCheckResult;
import org.junit.jupiter.api.AfterEach;
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

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "health.actuator.enabled=false", "health.cache-ttl=100ms", "health.additional-paths.[/livez]=liveness",
				"health.additional-paths.[/readyz]=readiness", "health.additional-paths.[/healthz]=all",
				"health.cors.allowed-origins=https://dashboard.example.com", "health.show-details=always" })
@Timeout(60)
class ProbePathsAndProtocolTests {

	private static final String DASHBOARD = "https://dashboard.example.com";

	@LocalServerPort
	private int port;

	@Autowired
	private SwitchableCheck inventoryHealthCheck;

	private HttpTestClient http;

	private final HttpClient client = HttpClient.newHttpClient();

	@BeforeEach
	void connect() {
		this.http = new HttpTestClient(this.port);
	}

	@AfterEach
	void resetChecks() {
		SwitchableCheck.resetAndAwaitHealthy(this.http, this.inventoryHealthCheck);
	}

	@Test
	void additionalPathsAnswerAsTheirGroups() {
		assertThat(HttpTestClient.json(this.http.get("/livez")).get("checks").propertyNames())
			.containsExactly("livenessState");
		assertThat(HttpTestClient.json(this.http.get("/readyz")).get("checks").propertyNames())
			.containsExactly("catalog", "inventory", "payments", "readinessState");
		assertThat(HttpTestClient.json(this.http.get("/healthz")).get("checks").propertyNames())
			.contains("livenessState", "readinessState");
		this.inventoryHealthCheck.set(HealthCheckResult.unhealthy("down"));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.http.get("/readyz").statusCode()).isEqualTo(503);
			assertThat(this.http.get("/livez").statusCode()).isEqualTo(200);
		});
		assertThat(this.http.get("/livez").headers().firstValue("Cache-Control")).hasValue("no-store");
	}

	@Test
	void healthJsonFollowsTheIetfDraftWhenAsked() {
		HttpResponse<String> pass = this.http.get("/health/readiness", "Accept", "application/health+json");
		assertThat(pass.statusCode()).isEqualTo(200);
		assertThat(pass.headers().firstValue("Content-Type")).hasValue("application/health+json");
		JsonNode body = HttpTestClient.json(pass);
		assertThat(body.get("status").asString()).isEqualTo("pass");
		JsonNode inventory = body.get("checks").get("inventory");
		assertThat(inventory.isArray()).isTrue();
		assertThat(inventory.get(0).get("status").asString()).isEqualTo("pass");
		assertThat(inventory.get(0).get("observedValue").isNumber()).isTrue();
		assertThat(inventory.get(0).get("observedUnit").asString()).isEqualTo("ms");
		assertThat(Instant.parse(inventory.get(0).get("time").asString())).isBeforeOrEqualTo(Instant.now());
		assertThat(inventory.get(0).has("output")).isFalse();

		this.inventoryHealthCheck.set(HealthCheckResult.degraded("slow"));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			HttpResponse<String> warn = this.http.get("/health", "Accept", "application/health+json");
			assertThat(warn.statusCode()).isEqualTo(200);
			JsonNode warnBody = HttpTestClient.json(warn);
			assertThat(warnBody.get("status").asString()).isEqualTo("warn");
			assertThat(warnBody.get("checks").get("inventory").get(0).get("output").asString()).isEqualTo("slow");
		});
		this.inventoryHealthCheck.set(HealthCheckResult.unhealthy("down"));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			HttpResponse<String> fail = this.http.get("/health", "Accept", "application/health+json");
			assertThat(fail.statusCode()).isEqualTo(503);
			assertThat(HttpTestClient.json(fail).get("status").asString()).isEqualTo("fail");
		});
	}

	@Test
	void plainJsonStaysTheDefaultUnlessHealthJsonIsPreferred() {
		for (String accept : List.of("*/*", "application/json", "application/json, application/health+json;q=0.5",
				"application/health+json;q=0", "text/html,application/xhtml+xml,*/*;q=0.8")) {
			HttpResponse<String> response = this.http.get("/health", "Accept", accept);
			assertThat(response.headers().firstValue("Content-Type")).as(accept).hasValue("application/json");
			assertThat(HttpTestClient.json(response).get("status").asString()).isEqualTo("healthy");
		}
	}

	@Test
	void headAnswersEveryGetPathWithoutABody() throws Exception {
		for (String path : List.of("/health", "/health/readiness", "/livez", "/metrics")) {
			HttpRequest head = HttpRequest.newBuilder(uri(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
			HttpResponse<String> response = this.client.send(head, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(response.body()).as(path).isEmpty();
		}
	}

	@Test
	void otherMethodsAre405ProblemDetailsNamingTheAllowedOnes() throws Exception {
		for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
			for (String path : List.of("/health", "/health/readiness", "/health/$stream", "/livez")) {
				HttpRequest request = HttpRequest.newBuilder(uri(path))
					.method(method, HttpRequest.BodyPublishers.ofString("{}"))
					.build();
				HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).as(method + " " + path).isEqualTo(405);
				assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
				assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(
						(allow) -> assertThat(allow).contains("GET").contains("HEAD"));
			}
		}
	}

	@Test
	void corsAllowsTheConfiguredOriginOnlyIncludingPreflight() throws Exception {
		HttpRequest preflight = HttpRequest.newBuilder(uri("/health/$stream"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", DASHBOARD)
			.header("Access-Control-Request-Method", "GET")
			.build();
		HttpResponse<String> allowed = this.client.send(preflight, HttpResponse.BodyHandlers.ofString());
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(DASHBOARD);
		assertThat(this.http.get("/health", "Origin", DASHBOARD).headers().firstValue("Access-Control-Allow-Origin"))
			.hasValue(DASHBOARD);

		HttpRequest otherPreflight = HttpRequest.newBuilder(uri("/health"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://evil.example.net")
			.header("Access-Control-Request-Method", "GET")
			.build();
		HttpResponse<String> denied = this.client.send(otherPreflight, HttpResponse.BodyHandlers.ofString());
		assertThat(denied.statusCode()).isEqualTo(403);
		assertThat(denied.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(this.http.get("/health", "Origin", "https://evil.example.net").headers()
			.firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
