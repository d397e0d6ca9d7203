package com.acme.orders;

import java.net.http.HttpResponse;

import com.acme.testing.HttpTestClient;
import com.acme.testing.HttpTestClient.SseStream;
import com.acme.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator on a port of its own ({@code management.server.port}): the health paths, streams, extra probe paths and
 * {@code /metrics} are served there with Actuator's endpoints, and the application's public port serves none.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "management.endpoints.web.exposure.include=health",
				"health.additional-paths.[/livez]=liveness", "health.cors.allowed-origins=https://dashboard.example.com" })
@Timeout(60)
class ManagementPortTests {

	@LocalServerPort
	private int applicationPort;

	@LocalManagementPort
	private int managementPort;

	@Test
	void healthAndMetricsAnswerOnTheManagementPortOnly() throws Exception {
		HttpTestClient management = new HttpTestClient(this.managementPort);
		HttpTestClient application = new HttpTestClient(this.applicationPort);
		assertThat(this.managementPort).isNotEqualTo(this.applicationPort);
		for (String path : new String[] { "/health", "/health/readiness", "/health/history", "/livez", "/metrics" }) {
			assertThat(management.get(path).statusCode()).as("management port " + path).isEqualTo(200);
			assertThat(application.get(path).statusCode()).as("application port " + path).isEqualTo(404);
		}
		assertThat(management.get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(HttpTestClient.json(management.get("/health")).get("checks").has("inventory")).isTrue();
		try (SseStream stream = management.stream("/health/$stream")) {
			assertThat(stream.response.statusCode()).isEqualTo(200);
			assertThat(stream.next().data().get("status").asString()).isNotEmpty();
		}
	}

	@Test
	void corsAppliesOnTheManagementPort() {
		HttpTestClient management = new HttpTestClient(this.managementPort);
		String origin = "https://dashboard.example.com";
		assertThat(management.get("/health/readiness", "Origin", origin).headers()
			.firstValue("access-control-allow-origin")).hasValue(origin);
		HttpResponse<String> preflight = management.send("OPTIONS", "/health/$stream", "Origin", origin,
				"Access-Control-Request-Method", "GET");
		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("access-control-allow-methods")).hasValue("GET,HEAD");
		assertThat(management.get("/health", "Origin", "https://elsewhere.example.com").headers()
			.firstValue("access-control-allow-origin")).isEmpty();
	}

	@Test
	void pathTricksOnTheApplicationPortReachNoHealthPath() {
		for (String path : new String[] { "/metrics;x", "/%68ealth", "/%6detrics", "/health;a/$stream", "/livez;x",
				"//health", "/health/" }) {
			assertThat(RawHttp.status(this.applicationPort, path)).as("application port " + path).isIn(400, 404);
		}
		assertThat(RawHttp.status(this.managementPort, "/health/../actuator/health")).isIn(200, 400, 404);
		assertThat(RawHttp.status(this.managementPort, "/%68ealth")).isEqualTo(200);
	}

}
