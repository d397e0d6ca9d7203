package com.acme.actuator;

import java.time.Duration;

import com.acme.testing.HttpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator's reactive endpoint on WebFlux, accelerated: the ten 200 ms indicators of the group {@code stock}'s
 * composite (and the reactive one) answer together, not one after another.
 */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"spring.autoconfigure.exclude=org.springframework.boot.tomcat.autoconfigure.reactive."
						+ "TomcatReactiveWebServerAutoConfiguration",
				"health.cache-ttl=0s", "health.checks.ledger.timeout=300ms",
				"management.endpoints.web.exposure.include=health", "management.endpoint.health.show-details=always",
				"management.health.defaults.enabled=false",
				"management.endpoint.health.group.stock.include=warehouses,shipping" })
@Timeout(60)
class ActuatorAccelerationOnNettyTests {

	@LocalServerPort
	private int port;

	@Test
	void indicatorsRunInParallelWithinOneRequest() {
		HttpTestClient http = new HttpTestClient(this.port);
		http.get("/actuator/health/stock");
		for (int i = 0; i < 3; i++) {
			long start = System.nanoTime();
			assertThat(HttpTestClient.json(http.get("/actuator/health/stock")).get("status").asString()).isEqualTo("UP");
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			System.out.println("/actuator/health/stock on WebFlux: " + took.toMillis() + " ms");
			assertThat(took).isLessThan(Duration.ofMillis(400));
		}
	}

}
