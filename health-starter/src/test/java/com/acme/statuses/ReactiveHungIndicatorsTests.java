package com.acme.statuses;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.acme.testing.HttpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On WebFlux (Reactor Netty), Actuator's reactive endpoint adapts the blocking views of the checks (on Reactor's
 * bounded-elastic threads) and asks them together, so three hung indicators cost one timeout, not three (2 s each:
 * under 4.5 s, where asking them one after another takes 6 s), and each shows the starter's own DOWN with the
 * timeout under {@code error}, the others their own Health.
 */
@Timeout(120)
class ReactiveHungIndicatorsTests {

	@Test
	void hungIndicatorsCostOneTimeoutOnWebFlux() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StatusesApplication.class)
			.web(WebApplicationType.REACTIVE)
			.initializers((application) -> {
				for (String name : new String[] { "frozenA", "frozenB", "frozenC" }) {
					application.getBeanFactory().registerSingleton(name + "HealthIndicator", StatusesApplication.frozen());
				}
			})
			.properties(StatusesApplication.PROPERTIES)
			.properties("spring.autoconfigure.exclude="
					+ "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration",
					"health.timeout=2s")
			.run()) {
			HttpTestClient http = new HttpTestClient(
					Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
			long start = System.nanoTime();
			HttpResponse<String> all = http.get("/actuator/health");
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(took).isLessThan(Duration.ofMillis(4500));
			assertThat(all.body()).contains("\"frozenA\":{\"details\":{\"error\":\"timed out after 2s")
				.contains("\"reactor\":{\"details\":{\"temperature\":1400},\"description\":\"core breach\",\"status\":\"FATAL\"}");
		}
	}

}
