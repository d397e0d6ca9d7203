package com.acme.statuses;

import java.net.http.HttpResponse;

import com.acme.testing.HttpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * a status code that Actuator's status order does not list is left out of Actuator's aggregate
 * (SimpleStatusAggregator filters it out before ordering), whatever its HTTP mapping; the starter reads it as
 * unhealthy when its HTTP mapping is 5xx, so {@code /health} answers 503 where {@code /actuator/health} answers 200.
 */
@Timeout(120)
class UnorderedStatusTests {

	@Test
	void aCodeActuatorLeavesOutOfItsAggregateDoesNotMakeHealthUnavailable() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StatusesApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties(StatusesApplication.PROPERTIES)
			// Boot's default order, which does not list FATAL; the HTTP mapping stays FATAL=503 alone
			.properties("management.endpoint.health.status.order=down,out-of-service,up,unknown")
			.run()) {
			HttpTestClient http = new HttpTestClient(
					Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
			HttpResponse<String> actuator = http.get("/actuator/health");
			HttpResponse<String> health = http.get("/health");
			assertThat(http.get("/actuator/health/reactor").statusCode()).as("the component alone").isEqualTo(503);
			assertThat(actuator.statusCode()).as("Actuator leaves FATAL out of its aggregate").isEqualTo(200);
			assertThat(health.statusCode()).as("/health aggregates the indicator as Actuator does")
				.isEqualTo(actuator.statusCode());
		}
	}

}
