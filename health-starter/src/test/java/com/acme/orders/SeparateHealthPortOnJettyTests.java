package com.acme.orders;

import java.io.UncheckedIOException;

import com.acme.testing.HttpTestClient;
import dev.healthstarter.web.JettyHealthConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code health.server.port} on Spring MVC's Jetty: the health paths, streams and metrics on a port of their own,
 * and 404 for them on the application's port, as on Tomcat ({@link SeparateHealthPortTests}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "health.server.port=0", "health.server.address=127.0.0.1",
				"health.additional-paths.[/livez]=liveness" })
@Timeout(60)
class SeparateHealthPortOnJettyTests {

	@LocalServerPort
	private int applicationPort;

	@Autowired
	private JettyHealthConnector healthStarterJettyConnector;

	@Autowired
	private ApplicationContext context;

	@Test
	void probesStreamsAndScrapesAnswerOnTheHealthPortOnly() throws Exception {
		assertThat(((WebServerApplicationContext) this.context).getWebServer().getClass().getSimpleName())
			.startsWith("Jetty");
		int healthPort = this.healthStarterJettyConnector.getAsInt();
		assertThat(healthPort).isPositive().isNotEqualTo(this.applicationPort);
		HttpTestClient health = new HttpTestClient(healthPort);
		HttpTestClient application = new HttpTestClient(this.applicationPort);
		for (String path : new String[] { "/health", "/health/readiness", "/livez", "/metrics", "/health/history" }) {
			assertThat(health.get(path).statusCode()).as("health port " + path).isEqualTo(200);
			assertThat(application.get(path).statusCode()).as("application port " + path).isEqualTo(404);
		}
		try (HttpTestClient.SseStream stream = health.stream("/health/readiness/$stream")) {
			assertThat(stream.next().field("id")).isNotEmpty();
		}
		assertThat(application.get("/health/readiness/$stream").statusCode()).isEqualTo(404);
		assertThat(application.get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(health.get("/actuator/health").statusCode()).isEqualTo(404);
	}

	@Test
	void theHealthPortBindsTheAddressItIsGiven() {
		assertThat(new HttpTestClient("127.0.0.1", this.healthStarterJettyConnector.getAsInt()).get("/health")
			.statusCode()).isEqualTo(200);
		assertThatExceptionOfType(UncheckedIOException.class).as("127.0.0.2 is not bound")
			.isThrownBy(() -> new HttpTestClient("127.0.0.2", this.healthStarterJettyConnector.getAsInt()).get("/health"));
	}

}
