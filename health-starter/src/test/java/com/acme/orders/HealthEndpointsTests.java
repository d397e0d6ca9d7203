package com.acme.orders;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.acme.testing.HttpTestClient;
import com.acme.testing.HttpTestClient.Frame;
import com.acme.testing.HttpTestClient.SseStream;
import com.acme.testing.SwitchableCheck;
import dev.healthstarter.HealthCheckResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "health.actuator.enabled=false", "health.cache-ttl=100ms", "health.checks.payments.critical=false",
				"health.checks.inventory.groups=readiness,orders", "health.stream.heartbeat=300ms",
				"health.stream.max-subscribers=3", "health.show-details=always" })
@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class HealthEndpointsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@Autowired
	private SwitchableCheck inventoryHealthCheck;

	@Autowired
	private SwitchableCheck paymentsHealthCheck;

	private HttpTestClient http;

	@BeforeEach
	void connect() {
		this.http = new HttpTestClient(this.port);
	}

	@AfterEach
	void resetChecks() {
		SwitchableCheck.resetAndAwaitHealthy(this.http, this.inventoryHealthCheck, this.paymentsHealthCheck);
	}

	@Test
	void healthShowsEveryCheckAsJsonThatNoCacheKeeps() {
		HttpResponse<String> response = this.http.get("/health");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		JsonNode body = HttpTestClient.json(response);
		assertThat(body.get("status").asString()).isEqualTo("healthy");
		assertThat(body.get("checks").propertyNames()).containsExactly("catalog", "inventory", "payments",
				"livenessState", "readinessState");
		JsonNode inventory = body.get("checks").get("inventory");
		assertThat(inventory.get("state").asString()).isEqualTo("healthy");
		assertThat(inventory.has("message")).isFalse();
		assertThat(inventory.get("durationMs").isNumber()).isTrue();
		assertThat(inventory.get("checkedAt").asString()).endsWith("Z");
	}

	@Test
	void unhealthyAnswers503AndDegradedAnswers200WithTheCheckMessage() {
		this.inventoryHealthCheck.set(HealthCheckResult.unhealthy("warehouse API down"));
		await().atMost(WAIT).untilAsserted(() -> {
			HttpResponse<String> response = this.http.get("/health");
			assertThat(response.statusCode()).isEqualTo(503);
			JsonNode body = HttpTestClient.json(response);
			assertThat(body.get("status").asString()).isEqualTo("unhealthy");
			assertThat(body.get("checks").get("inventory").get("message").asString()).isEqualTo("warehouse API down");
		});
		this.inventoryHealthCheck.set(HealthCheckResult.degraded("slow"));
		await().atMost(WAIT).untilAsserted(() -> {
			HttpResponse<String> response = this.http.get("/health");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(HttpTestClient.json(response).get("status").asString()).isEqualTo("degraded");
		});
	}

	@Test
	void nonCriticalCheckMakesTheServiceDegradedNotUnhealthy() {
		this.paymentsHealthCheck.set(HealthCheckResult.unhealthy("card processor down"));
		await().atMost(WAIT).untilAsserted(() -> {
			HttpResponse<String> response = this.http.get("/health/readiness");
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode body = HttpTestClient.json(response);
			assertThat(body.get("status").asString()).isEqualTo("degraded");
			assertThat(body.get("checks").get("payments").get("state").asString()).isEqualTo("unhealthy");
		});
	}

	@Test
	void probeGroupsShowTheirOwnChecks() {
		this.inventoryHealthCheck.set(HealthCheckResult.unhealthy("down"));
		await().atMost(WAIT).untilAsserted(() -> {
			HttpResponse<String> readiness = this.http.get("/health/readiness");
			assertThat(readiness.statusCode()).isEqualTo(503);
			assertThat(HttpTestClient.json(readiness).get("checks").propertyNames()).containsExactly("catalog",
					"inventory", "payments", "readinessState");
		});
		HttpResponse<String> liveness = this.http.get("/health/liveness");
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(HttpTestClient.json(liveness).get("checks").propertyNames()).containsExactly("livenessState");
		HttpResponse<String> startup = this.http.get("/health/startup");
		assertThat(startup.statusCode()).isEqualTo(200);
		assertThat(HttpTestClient.json(startup).get("checks").get("startupState").get("state").asString())
			.isEqualTo("healthy");
		HttpResponse<String> orders = this.http.get("/health/orders");
		assertThat(orders.statusCode()).isEqualTo(503);
		assertThat(HttpTestClient.json(orders).get("checks").propertyNames()).containsExactly("inventory");
	}

	@Test
	void unknownGroupIs404ProblemDetail() {
		for (String path : List.of("/health/nope", "/health/nope/$stream", "/health/" + "x".repeat(300))) {
			HttpResponse<String> response = this.http.get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(HttpTestClient.json(response).get("title").asString()).isEqualTo("Unknown health group");
		}
	}

	@Test
	void theDashboardPathSaysTheDashboardIsOffWhenItIs() {
		HttpResponse<String> response = this.http.get("/health/ui");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(HttpTestClient.json(response).get("detail").asString()).contains("health.ui.enabled=true");
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "", "-1", "0", "0.0", "NaN", "Infinity", "1e3", "0x10", "0.05", "3600.5",
			"99999999999999999999", " 1", "1 ", "+1", "1,5", "1..2", "٣" })
	void invalidPollIntervalIs400ProblemNamingTheParameterAndRange(String value) {
		String query = "?poll_interval=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
		for (String accept : List.of("text/event-stream", "*/*")) {
			HttpResponse<String> response = this.http.get("/health/$stream" + query, "Accept", accept);
			assertThat(response.statusCode()).as(value).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			JsonNode problem = HttpTestClient.json(response);
			assertThat(problem.get("parameter").asString()).isEqualTo("poll_interval");
			assertThat(problem.get("detail").asString()).contains("0.1").contains("3600");
		}
	}

	@Test
	void repeatedPollIntervalAndUnknownModeAre400() {
		HttpResponse<String> repeated = this.http.get("/health/$stream?poll_interval=1&poll_interval=2");
		assertThat(repeated.statusCode()).isEqualTo(400);
		assertThat(HttpTestClient.json(repeated).get("parameter").asString()).isEqualTo("poll_interval");
		HttpResponse<String> mode = this.http.get("/health/readiness/$stream?mode=sometimes");
		assertThat(mode.statusCode()).isEqualTo(400);
		assertThat(HttpTestClient.json(mode).get("parameter").asString()).isEqualTo("mode");
	}

	@Test
	void streamSendsTheSnapshotAtOnceThenAFramePerIntervalWithIncreasingIds() throws Exception {
		awaitNoSubscribers();
		try (SseStream stream = this.http.stream("/health/$stream?poll_interval=0.2")) {
			assertThat(stream.response.statusCode()).isEqualTo(200);
			assertThat(stream.response.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("text/event-stream"));
			assertThat(stream.response.headers().firstValue("Cache-Control")).hasValue("no-store");
			List<Frame> frames = new ArrayList<>();
			while (frames.size() < 3) {
				Frame frame = stream.next();
				if (!frame.isComment()) {
					frames.add(frame);
				}
			}
			assertThat(frames.get(0).field("retry")).isNotNull();
			long previousId = 0;
			for (Frame frame : frames) {
				assertThat(frame.field("event")).isNull();
				long id = Long.parseLong(frame.field("id"));
				assertThat(id).isGreaterThan(previousId);
				previousId = id;
				assertThat(frame.data().get("status").asString()).isEqualTo("healthy");
				assertThat(frame.data().get("checks").has("inventory")).isTrue();
			}
		}
	}

	@Test
	void groupStreamShowsTheGroupAndFollowsStateChanges() throws Exception {
		awaitNoSubscribers();
		try (SseStream stream = this.http.stream("/health/orders/$stream?poll_interval=0.1")) {
			assertThat(stream.next().data().get("checks").propertyNames()).containsExactly("inventory");
			this.inventoryHealthCheck.set(HealthCheckResult.unhealthy("down"));
			Frame frame;
			do {
				frame = stream.next();
			}
			while (frame.isComment() || !frame.data().get("status").asString().equals("unhealthy"));
			assertThat(frame.data().get("checks").get("inventory").get("message").asString()).isEqualTo("down");
		}
	}

	@Test
	void changesModeSendsHeartbeatsButNoFrameUntilAStateChanges() throws Exception {
		awaitNoSubscribers();
		try (SseStream stream = this.http.stream("/health/orders/$stream?poll_interval=0.1&mode=changes")) {
			assertThat(stream.next().data().get("status").asString()).isEqualTo("healthy");
			for (int i = 0; i < 3; i++) {
				assertThat(stream.next().isComment()).as("frame %d after an unchanged state", i).isTrue();
			}
			this.inventoryHealthCheck.set(HealthCheckResult.degraded("slow"));
			Frame frame;
			do {
				frame = stream.next();
			}
			while (frame.isComment());
			assertThat(frame.data().get("status").asString()).isEqualTo("degraded");
		}
	}

	@Test
	void disconnectedSubscriberIsRemovedWithoutWarnings(CapturedOutput output) throws Exception {
		awaitNoSubscribers();
		int logStart = output.length();
		try (SseStream stream = this.http.stream("/health/$stream?poll_interval=0.1")) {
			stream.next();
			assertThat(this.http.streamSubscribers("client")).isEqualTo(1.0);
		}
		awaitNoSubscribers();
		await().during(Duration.ofMillis(500)).atMost(WAIT).untilAsserted(() -> assertThat(output.toString().substring(logStart))
			.doesNotContain(" WARN ")
			.doesNotContain(" ERROR ")
			.doesNotContain("Exception"));
	}

	@Test
	void subscribersPastTheLimitGet503WithRetryAfter() throws Exception {
		awaitNoSubscribers();
		List<SseStream> streams = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				SseStream stream = this.http.stream("/health/$stream");
				stream.next();
				streams.add(stream);
			}
			HttpResponse<String> refused = this.http.get("/health/$stream");
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).isPresent();
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
		finally {
			for (SseStream stream : streams) {
				stream.close();
			}
		}
		awaitNoSubscribers();
	}

	@Test
	void checkStatusGaugeFollowsAStateChangeAndScrapingRunsNoCheck() {
		this.http.get("/health");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.http.metric("health_check_status", "{check=\"inventory\"}")).isEqualTo(1.0));
		this.inventoryHealthCheck.set(HealthCheckResult.unhealthy("down"));
		await().atMost(WAIT).untilAsserted(() -> {
			this.http.get("/health");
			assertThat(this.http.metric("health_check_status", "{check=\"inventory\"}")).isEqualTo(0.0);
			assertThat(this.http.metric("health_status", "{group=\"all\"}")).isEqualTo(0.0);
			assertThat(this.http.metric("health_check_transitions_total", "{check=\"inventory\",state=\"unhealthy\"}"))
				.isGreaterThanOrEqualTo(1.0);
		});
		int calls = this.inventoryHealthCheck.calls();
		for (int i = 0; i < 5; i++) {
			this.http.get("/metrics");
		}
		assertThat(this.inventoryHealthCheck.calls()).isEqualTo(calls);
	}

	@Test
	void metricsServePrometheusTextOrOpenMetricsWhenAsked() {
		HttpResponse<String> text = this.http.get("/metrics");
		assertThat(text.statusCode()).isEqualTo(200);
		assertThat(text.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
		assertThat(text.body()).contains("# TYPE health_status gauge").contains("jvm_memory_used_bytes");
		HttpResponse<String> openMetrics = this.http.get("/metrics", "Accept",
				"application/openmetrics-text;version=1.0.0,text/plain;q=0.5");
		assertThat(openMetrics.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/openmetrics-text"));
		assertThat(openMetrics.body()).endsWith("# EOF\n");
	}

	@Test
	void actuatorKeepsItsOwnEndpointsBesideTheStarter() {
		HttpResponse<String> actuator = this.http.get("/actuator/health");
		assertThat(actuator.statusCode()).isEqualTo(200);
		assertThat(HttpTestClient.json(actuator).get("status").asString()).isEqualTo("UP");
		assertThat(HttpTestClient.json(this.http.get("/health")).get("status").asString()).isEqualTo("healthy");
	}

	private void awaitNoSubscribers() {
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.http.streamSubscribers("client")).isEqualTo(0.0));
	}

}
