package com.acme.orders;

import java.io.UncheckedIOException;

import com.acme.testing.HttpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@code health.server.port} promises on every stack, with {@code health.server.address=127.0.0.1} and the extra
 * probe path {@code /livez}: the health paths, streams and metrics on the health port only, 404 for them on the
 * application's port, and the health port bound to its address. Each stack runs it with
 * {@code server.forward-headers-strategy=native} (Boot's default on Kubernetes): forwarded headers name no port.
 */
@Timeout(60)
abstract class SeparateHealthPortContract {

	@LocalServerPort
	private int applicationPort;

	/** @return the port the health paths are served on */
	abstract int healthPort();

	@Test
	void probesStreamsAndScrapesAnswerOnTheHealthPortOnly() throws Exception {
		int healthPort = healthPort();
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
		assertThat(new HttpTestClient("127.0.0.1", healthPort()).get("/health").statusCode()).isEqualTo(200);
		assertThatExceptionOfType(UncheckedIOException.class).as("127.0.0.2 is not bound")
			.isThrownBy(() -> new HttpTestClient("127.0.0.2", healthPort()).get("/health"));
	}

	@Test
	void forwardedHeadersMoveNoRequestBetweenThePorts() {
		String healthPort = Integer.toString(healthPort());
		String applicationPort = Integer.toString(this.applicationPort);
		HttpTestClient health = new HttpTestClient(healthPort());
		HttpTestClient application = new HttpTestClient(this.applicationPort);
		assertThat(health.get("/health", "X-Forwarded-Host", "probe.example", "X-Forwarded-Port", "443").statusCode())
			.as("a probe through a proxy, on the health port").isEqualTo(200);
		assertThat(health.get("/actuator/health", "X-Forwarded-Port", applicationPort).statusCode())
			.as("an application path on the health port").isEqualTo(404);
		assertThat(application.get("/health", "X-Forwarded-Port", healthPort).statusCode())
			.as("a health path on the application port").isEqualTo(404);
		assertThat(application.get("/actuator/health", "Forwarded", "host=127.0.0.1:" + healthPort).statusCode())
			.isEqualTo(200);
	}

	int applicationPort() {
		return this.applicationPort;
	}

}
