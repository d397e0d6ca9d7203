package com.acme.maintenance.port;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.acme.maintenance.port.MaintenanceApplication.MaintenanceEvents;
import com.acme.testing.HttpTestClient;
import com.acme.testing.HttpTestClient.SseStream;
import dev.healthstarter.HealthMaintenanceChangedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the maintenance switch promises on every stack without Spring Security, served on the health port
 * ({@code health.server.port}) only: what an operator's {@code PUT} and {@code DELETE} change, as probes, streams,
 * history, metrics and listeners see it, and the 400s a bad reason gets.
 */
@Timeout(60)
abstract class MaintenanceSwitchContract {

	private static final String PATH = "/health/maintenance";

	@LocalServerPort
	private int applicationPort;

	@Autowired
	private MaintenanceEvents events;

	private HttpTestClient health;

	/** @return the port the health paths are served on */
	abstract int healthPort();

	@BeforeEach
	void connect() {
		this.health = new HttpTestClient(healthPort());
		this.events.heard.clear();
	}

	@AfterEach
	void leaveMaintenance() {
		this.health.send("DELETE", PATH);
	}

	@Test
	void putTakesReadinessOutAtOnceAndDeleteBringsItBack() throws Exception {
		assertThat(this.health.get("/health/readiness").statusCode()).isEqualTo(200);
		try (SseStream changes = this.health.stream("/health/readiness/$stream?mode=changes")) {
			assertThat(changes.next().data().path("status").asString()).isEqualTo("healthy");
			long start = System.nanoTime();
			HttpResponse<String> put = this.health.sendJson("PUT", PATH, "{\"reason\":\"heap dump\"}");
			HttpResponse<String> readiness = this.health.get("/health/readiness");
			long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();

			assertThat(put.statusCode()).isEqualTo(200);
			assertThat(put.headers().firstValue("Cache-Control")).hasValue("no-store");
			JsonNode maintenance = HttpTestClient.json(put).path("maintenance");
			assertThat(maintenance.path("reason").asString()).isEqualTo("heap dump");
			assertThat(readiness.statusCode()).as("the first probe after the PUT, %d ms later", millis).isEqualTo(503);
			JsonNode body = HttpTestClient.json(readiness);
			assertThat(body.path("maintenance").path("reason").asString()).isEqualTo("heap dump");
			assertThat(body.path("maintenance").path("since").asString())
				.isEqualTo(maintenance.path("since").asString());
			assertThat(body.path("checks").path("maintenanceState").path("state").asString()).isEqualTo("unhealthy");

			JsonNode pushed = changes.next().data();
			assertThat(pushed.path("status").asString()).isEqualTo("unhealthy");
			assertThat(pushed.path("maintenance").path("reason").asString()).isEqualTo("heap dump");
		}
		JsonNode draft = HttpTestClient.json(this.health.get("/health/readiness", "Accept", "application/health+json"));
		assertThat(draft.path("status").asString()).isEqualTo("fail");
		assertThat(draft.path("notes").path(0).asString()).startsWith("in maintenance since ").endsWith(": heap dump");
		HttpResponse<String> overall = this.health.get("/health");
		assertThat(overall.statusCode()).isEqualTo(503);
		assertThat(HttpTestClient.json(overall).path("maintenance").path("reason").asString()).isEqualTo("heap dump");
		assertThat(this.health.get("/health/liveness").statusCode()).as("liveness never takes maintenance")
			.isEqualTo(200);

		HttpResponse<String> delete = this.health.send("DELETE", PATH);
		assertThat(delete.statusCode()).isEqualTo(200);
		assertThat(HttpTestClient.json(delete).path("maintenance").isNull()).isTrue();
		HttpResponse<String> after = this.health.get("/health/readiness");
		assertThat(after.statusCode()).isEqualTo(200);
		assertThat(HttpTestClient.json(after).has("maintenance")).isFalse();
		assertThat(HttpTestClient.json(this.health.get("/health/readiness", "Accept", "application/health+json"))
			.has("notes")).isFalse();
		assertThat(this.health.get("/health/liveness").statusCode()).isEqualTo(200);
	}

	@Test
	void eachChangeIsPublishedKeptInTheHistoryAndMeasured() {
		this.health.sendJson("PUT", PATH, "{\"reason\":\"cache warm-up\"}");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.heard.size() == 1);
		HealthMaintenanceChangedEvent entered = this.events.heard.get(0);
		assertThat(entered.isInMaintenance()).isTrue();
		assertThat(entered.getPrevious()).isNull();
		assertThat(entered.getCurrent().reason()).isEqualTo("cache warm-up");
		assertThat(this.health.metric("health_maintenance", "")).isEqualTo(1.0);

		this.health.send("DELETE", PATH);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.heard.size() == 2);
		assertThat(this.events.heard.get(1).isInMaintenance()).isFalse();
		assertThat(this.events.heard.get(1).getPrevious().reason()).isEqualTo("cache warm-up");
		assertThat(this.health.metric("health_maintenance", "")).isEqualTo(0.0);

		JsonNode transitions = HttpTestClient.json(this.health.get("/health/history")).path("transitions");
		List<String> maintenance = transitions.valueStream()
			.filter((transition) -> transition.path("check").asString().equals("maintenanceState"))
			.map((transition) -> transition.path("from").asString() + ">" + transition.path("to").asString()
					+ ":" + transition.path("message").asString(""))
			.toList();
		assertThat(maintenance.subList(maintenance.size() - 2, maintenance.size()))
			.containsExactly("healthy>unhealthy:cache warm-up", "unhealthy>healthy:");
	}

	@Test
	void anotherPutChangesTheReasonAndKeepsSince() {
		JsonNode first = HttpTestClient.json(this.health.sendJson("PUT", PATH, "{\"reason\":\"canary\"}"))
			.path("maintenance");
		JsonNode second = HttpTestClient.json(this.health.sendJson("PUT", PATH, "{\"reason\":\"canary, longer\"}"))
			.path("maintenance");
		assertThat(second.path("reason").asString()).isEqualTo("canary, longer");
		assertThat(second.path("since").asString()).isEqualTo(first.path("since").asString());
		assertThat(HttpTestClient.json(this.health.get("/health/readiness")).path("maintenance").path("reason").asString())
			.isEqualTo("canary, longer");
	}

	@Test
	void theApplicationPortDoesNotServeTheSwitch() {
		HttpTestClient application = new HttpTestClient(this.applicationPort);
		assertThat(application.sendJson("PUT", PATH, "{\"reason\":\"x\"}").statusCode()).isEqualTo(404);
		assertThat(application.send("DELETE", PATH).statusCode()).isEqualTo(404);
		assertThat(this.health.get("/health/readiness").statusCode()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "{}", "{\"reason\":\"\"}", "{\"reason\":\"   \"}", "{\"reason\":42}", "not json",
			"{\"reason\":\"line\\nbreak\"}" })
	void aBadReasonIsA400NamingIt(String body) {
		HttpResponse<String> response = this.health.sendJson("PUT", PATH, body);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(HttpTestClient.json(response).path("parameter").asString()).isEqualTo("reason");
		assertThat(this.health.get("/health/readiness").statusCode()).isEqualTo(200);
	}

	@Test
	void aReasonOverTwoHundredCharactersIsA400() {
		assertThat(this.health.sendJson("PUT", PATH, "{\"reason\":\"" + "x".repeat(201) + "\"}").statusCode())
			.isEqualTo(400);
		assertThat(this.health.sendJson("PUT", PATH, "{\"reason\":\"" + "x".repeat(200) + "\"}").statusCode())
			.isEqualTo(200);
	}

}
