package com.acme.secured;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.acme.testing.HttpTestClient;
import com.acme.testing.HttpTestClient.SseStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.security.user.name=ops", "spring.security.user.password=secret",
				"spring.security.user.roles=OPS", "health.show-details=when-authorized",
				"health.additional-paths.[/readyz]=readiness" })
@Timeout(60)
class SecuredApplicationTests {

	private static final String OPS = "Basic " + Base64.getEncoder().encodeToString("ops:secret".getBytes(StandardCharsets.UTF_8));

	@LocalServerPort
	private int port;

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
				"/readyz", "/metrics" }) {
			assertThat(this.http.get(path).statusCode()).as(path).isEqualTo(200);
		}
	}

	@Test
	void whenAuthorizedShowsChecksOnlyToAnAuthenticatedCaller() {
		JsonNode anonymous = HttpTestClient.json(this.http.get("/health"));
		assertThat(anonymous.get("status").asString()).isEqualTo("healthy");
		assertThat(anonymous.has("checks")).isFalse();
		JsonNode authenticated = HttpTestClient.json(this.http.get("/health", "Authorization", OPS));
		assertThat(authenticated.get("checks").has("inventory")).isTrue();
		HttpResponse<String> wrongPassword = this.http.get("/health", "Authorization",
				"Basic " + Base64.getEncoder().encodeToString("ops:nope".getBytes(StandardCharsets.UTF_8)));
		assertThat(wrongPassword.statusCode()).isEqualTo(401);
	}

	@Test
	void streamAppliesTheSamePolicy() throws Exception {
		try (SseStream anonymous = this.http.stream("/health/$stream")) {
			assertThat(anonymous.response.statusCode()).isEqualTo(200);
			JsonNode frame = anonymous.next().data();
			assertThat(frame.get("status").asString()).isEqualTo("healthy");
			assertThat(frame.has("checks")).isFalse();
		}
		try (SseStream authenticated = this.http.stream("/health/$stream", "Authorization", OPS)) {
			assertThat(authenticated.next().data().get("checks").has("inventory")).isTrue();
		}
	}

}
