package com.acme.orders;

import java.net.http.HttpResponse;

import com.acme.testing.HttpTestClient;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service behind a context path and a {@code DispatcherServlet} path, with a health port and extra probe paths:
 * every health path lives under both prefixes, on the health port only.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.servlet.context-path=/app", "spring.mvc.servlet.path=/api", "health.server.port=0",
				"health.actuator.enabled=false", "health.additional-paths.[/livez]=liveness",
				"health.additional-paths.[/healthz]=all" })
@Timeout(60)
class ServletPathTests {

	@LocalServerPort
	private int applicationPort;

	@Autowired
	private Connector healthStarterConnector;

	@Test
	void healthPathsAnswerUnderTheContextAndServletPathOnTheHealthPortOnly() {
		HttpTestClient health = new HttpTestClient(this.healthStarterConnector.getLocalPort());
		HttpTestClient application = new HttpTestClient(this.applicationPort);
		for (String path : new String[] { "/app/api/health", "/app/api/health/readiness", "/app/api/livez",
				"/app/api/healthz", "/app/api/metrics", "/app/api/health/history" }) {
			assertThat(health.get(path).statusCode()).as("health port " + path).isEqualTo(200);
			assertThat(application.get(path).statusCode()).as("application port " + path).isEqualTo(404);
		}
		assertThat(HttpTestClient.json(health.get("/app/api/livez")).has("checks")).isTrue();
		assertThat(HttpTestClient.json(health.get("/app/api/healthz")).get("checks").has("inventory")).isTrue();
	}

	@Test
	void anExtraPathAnswersLikeItsGroupForEveryMethod() {
		HttpTestClient health = new HttpTestClient(this.healthStarterConnector.getLocalPort());
		assertThat(health.send("HEAD", "/app/api/livez").statusCode()).isEqualTo(200);
		HttpResponse<String> post = health.send("POST", "/app/api/livez");
		assertThat(post.statusCode()).isEqualTo(405);
		assertThat(post.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(post.headers().firstValue("Allow")).isPresent();
		assertThat(health.get("/livez").statusCode()).isEqualTo(404);
	}

}
