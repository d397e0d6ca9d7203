package com.acme.statuses;

import java.net.http.HttpResponse;

import com.acme.testing.HttpTestClient;
import com.acme.testing.WithoutTheStarter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code health.checks.catalog.enabled=false} takes Actuator's {@code catalog} indicator out of the starter's checks
 * only: Actuator keeps the indicator itself, so {@code /actuator/health} is the same as without the starter (the
 * bridge once put a view of a check the engine never runs in its place, {@code UNKNOWN} "No health check named
 * 'catalog'", which turned a FATAL indicator's 503 into 200).
 */
@Timeout(120)
class DisabledCheckActuatorViewTests {

	@Test
	void disablingTheCheckLeavesActuatorsIndicatorAlone() {
		String without = answer(false);
		String with = answer(true);
		assertThat(with).isEqualTo(without);
	}

	private static String answer(boolean withStarter) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StatusesApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties(StatusesApplication.PROPERTIES)
			.properties(withStarter ? "spring.autoconfigure.exclude=" : WithoutTheStarter.exclude(),
					"health.checks.catalog.enabled=false", "health.checks.reactor.enabled=false")
			.run()) {
			HttpTestClient http = new HttpTestClient(
					Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
			HttpResponse<String> catalog = http.get("/actuator/health/catalog");
			HttpResponse<String> reactor = http.get("/actuator/health/reactor");
			return "catalog: " + catalog.statusCode() + " " + catalog.body() + "; reactor: " + reactor.statusCode() + " "
					+ reactor.body() + "; /actuator/health: " + http.get("/actuator/health").statusCode();
		}
	}

}
