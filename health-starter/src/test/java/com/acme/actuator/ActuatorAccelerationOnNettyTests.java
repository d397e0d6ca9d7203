package com.acme.actuator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
		List<Duration> times = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			long start = System.nanoTime();
			assertThat(HttpTestClient.json(http.get("/actuator/health/stock")).get("status").asString()).isEqualTo("UP");
			times.add(Duration.ofNanos(System.nanoTime() - start));
		}
		System.out.println("/actuator/health/stock on WebFlux: " + times);
		// one after another they take 2.2 s; together about one indicator's 200 ms (the first of a series about 300)
		assertThat(times).allSatisfy((took) -> assertThat(took).isLessThan(Duration.ofMillis(1000)));
		assertThat(times.stream().sorted().toList().get(2)).as("median").isLessThan(Duration.ofMillis(400));
	}

}
