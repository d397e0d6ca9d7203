package com.acme.webflux;

import java.net.http.HttpResponse;

import com.acme.testing.HttpTestClient;
import com.acme.testing.HttpTestClient.SseStream;
import dev.healthstarter.web.reactive.NettyHealthServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux application whose class path has no Servlet API, no Spring MVC, no Tomcat and no Jetty (the
 * {@code webflux-tests} execution leaves them out): every part of the starter it configures (endpoints, stream, CORS,
 * the health port, metrics, the dashboard, Actuator's bridge) loads and serves without a servlet class.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "health.cors.allowed-origins=https://dashboard.example.com", "health.server.port=0",
				"health.server.address=127.0.0.1", "health.additional-paths.[/livez]=liveness", "health.ui.enabled=true",
				"management.endpoint.health.show-components=always" })
@Timeout(60)
class WebFluxWithoutServletApiTests {

	@LocalServerPort
	private int applicationPort;

	@Autowired
	private NettyHealthServer healthServer;

	private HttpTestClient http;

	@BeforeEach
	void connect() {
		this.http = new HttpTestClient(this.healthServer.getAsInt());
	}

	@Test
	void theClassPathIsAReactiveOnesOnly() {
		assertThat(ClassUtils.isPresent("jakarta.servlet.Servlet", null)).isFalse();
		assertThat(ClassUtils.isPresent("org.springframework.web.servlet.DispatcherServlet", null)).isFalse();
	}

	@Test
	void healthProbesAndTheStreamAnswerOnTheHealthPort() throws Exception {
		HttpResponse<String> health = this.http.get("/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(HttpTestClient.json(health).path("status").asString()).isEqualTo("degraded");
		assertThat(this.http.get("/livez").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/health/readiness").statusCode()).isEqualTo(200);
		try (SseStream stream = this.http.stream("/health/$stream?poll_interval=1.0")) {
			assertThat(stream.response.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("text/event-stream"));
			assertThat(stream.next().data().path("status").asString()).isEqualTo("degraded");
		}
		assertThat(this.http.get("/health/$stream?poll_interval=abc").statusCode()).isEqualTo(400);
		assertThat(new HttpTestClient(this.applicationPort).get("/health").statusCode())
			.as("health on the application port").isEqualTo(404);
	}

	@Test
	void corsMetricsAndTheDashboardAreServed() {
		HttpResponse<String> preflight = this.http.send("OPTIONS", "/health", "Origin",
				"https://dashboard.example.com", "Access-Control-Request-Method", "GET");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
			.hasValue("https://dashboard.example.com");
		assertThat(this.http.get("/metrics").body()).contains("health_check_status{check=\"pricing\"}");
		HttpResponse<String> ui = this.http.get("/health/ui");
		assertThat(ui.statusCode()).isEqualTo(200);
		assertThat(ui.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
	}

	@Test
	void actuatorsHealthShowsTheStartersChecks() {
		HttpResponse<String> actuator = new HttpTestClient(this.applicationPort).get("/actuator/health");
		assertThat(actuator.statusCode()).isEqualTo(200);
		assertThat(HttpTestClient.json(actuator).get("status").asString()).isEqualTo("UP");
		assertThat(HttpTestClient.json(actuator).path("components").path("pricing").path("status").asString())
			.as("degraded is UP in Actuator").isEqualTo("UP");
		assertThat(HttpTestClient.json(actuator).path("components").has("inventory")).isTrue();
	}

}
