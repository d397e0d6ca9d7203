package com.acme.misbehaving;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

import com.acme.testing.HttpTestClient;
import com.acme.testing.HttpTestClient.Frame;
import com.acme.testing.HttpTestClient.SseStream;
import dev.healthstarter.HealthCheckRegistry;
import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.web.stream.HealthStreamBroadcaster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
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
		properties = { "health.actuator.enabled=false", "health.stream.max-subscribers=5",
				"spring.jackson.property-naming-strategy=SNAKE_CASE", "spring.jackson.default-property-inclusion=always", "health.show-details=always" })
@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class MisbehavingChecksTests {

	@LocalServerPort
	private int port;

	@Autowired
	private HealthStreamBroadcaster broadcaster;

	@Autowired
	private HealthCheckRegistry registry;

	private HttpTestClient http;

	@BeforeEach
	void connect() {
		this.http = new HttpTestClient(this.port);
	}

	@Test
	void detailsThatCannotBeWrittenAreReplacedForTheirCheckAloneAndTheAnswerKeepsItsShape() {
		for (String path : new String[] { "/health", "/health/readiness" }) {
			HttpResponse<String> response = this.http.get(path);
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode checks = HttpTestClient.json(response).get("checks");
			for (String name : new String[] { "selfReference", "throwingGetter" }) {
				JsonNode check = checks.get(name);
				assertThat(check.get("state").asString()).as(name).isEqualTo("healthy");
				assertThat(check.get("details").get("error").asString()).as(name)
					.startsWith("details could not be written as JSON: ");
			}
			// Jackson 3 writes an object without properties as {} where Jackson 2 failed: either way, one check
			JsonNode emptyBean = checks.get("emptyBean");
			assertThat(emptyBean.get("state").asString()).isEqualTo("healthy");
			assertThat(emptyBean.get("details").has("connection") || emptyBean.get("details").has("error")).isTrue();
			assertThat(checks.get("throwingGetter").get("details").get("error").asString()).contains("pool closed");
			JsonNode fine = checks.get("fine");
			assertThat(fine.get("details").get("rowCount").asInt()).isEqualTo(3);
			assertThat(fine.propertyNames()).contains("durationMs", "checkedAt", "since").doesNotContain("duration_ms");
			assertThat(fine.has("message")).isFalse();
		}
	}

	@Test
	void longMessagesAreCutWithANoteOfHowMuchWasCut() {
		JsonNode flood = HttpTestClient.json(this.http.get("/health")).get("checks").get("flood");
		assertThat(flood.get("message").asString()).hasSize(1000 + "... (199000 more characters cut)".length())
			.endsWith("... (199000 more characters cut)");
	}

	@Test
	void streamsWithUnwritableDetailsKeepFlowingAndWriteDataWithASpace() throws Exception {
		try (SseStream stream = this.http.stream("/health/$stream?poll_interval=0.2")) {
			assertThat(stream.response.statusCode()).isEqualTo(200);
			for (int i = 0; i < 3; i++) {
				Frame frame = stream.next();
				assertThat(frame.lines()).anySatisfy((line) -> assertThat(line).startsWith("data: {\"status\":\"degraded\""));
				assertThat(frame.lines()).anySatisfy((line) -> assertThat(line).matches("id: \\d+"));
				assertThat(frame.data().get("checks").get("selfReference").get("state").asString()).isEqualTo("healthy");
			}
		}
	}

	@Test
	void headOnAStreamAnswersItsHeadersAndOpensNoSubscriber() {
		for (int i = 0; i < 20; i++) {
			HttpResponse<String> head = this.http.send("HEAD", "/health/$stream?poll_interval=1");
			assertThat(head.statusCode()).isEqualTo(200);
			assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("text/event-stream"));
			assertThat(head.headers().firstValue("Cache-Control")).hasValue("no-store");
		}
		assertThat(this.http.send("HEAD", "/health/$stream?poll_interval=-1").statusCode()).isEqualTo(400);
		assertThat(this.broadcaster.subscriberCount()).isZero();
	}

	@Test
	void checkTextsInLogLinesAreEscapedAndCut(CapturedOutput output) {
		this.registry.register("forging", () -> HealthCheckResult.degraded("replica lag\n" + MisbehavingApplication.FORGED));
		this.registry.register("flooding", () -> HealthCheckResult.degraded("y".repeat(200_000)));
		try {
			this.http.get("/health");
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output)
				.contains("Health check 'forging' is degraded: replica lag\\n" + MisbehavingApplication.FORGED)
				.contains("Health check 'flooding' is degraded: yyy"));
			assertThat(Arrays.stream(output.toString().split("\n")))
				.noneMatch((line) -> line.startsWith(MisbehavingApplication.FORGED))
				.allSatisfy((line) -> assertThat(line.length()).isLessThan(1300));
		}
		finally {
			this.registry.unregister("forging");
			this.registry.unregister("flooding");
		}
	}

}
