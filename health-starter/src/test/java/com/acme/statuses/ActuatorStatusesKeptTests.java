package com.acme.statuses;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.acme.testing.HttpTestClient;
import com.acme.testing.WithoutTheStarter;
import dev.healthstarter.core.HealthEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator's own indicators keep the status Actuator gives them: {@code /actuator/health}, its components, groups
 * and probes answer the same status code and the same body with the starter as without it, on Spring MVC and on
 * WebFlux, whatever the indicators report ({@code UNKNOWN}, {@code OUT_OF_SERVICE}, a custom {@code FATAL} mapped
 * to 503); {@code /health} aggregates them as Actuator does; and a hung indicator is still answered within its
 * check's timeout.
 */
@Timeout(120)
class ActuatorStatusesKeptTests {

	private static final List<String> PATHS = List.of("/actuator/health", "/actuator/health/configServer",
			"/actuator/health/maintenance", "/actuator/health/reactor", "/actuator/health/catalog",
			"/actuator/health/ping", "/actuator/health/serving", "/actuator/health/optional",
			"/actuator/health/optional/configServer", "/actuator/health/liveness", "/actuator/health/readiness");

	@ParameterizedTest
	@EnumSource(Stack.class)
	void actuatorAnswersTheSameWithAndWithoutTheStarter(Stack stack) {
		Map<String, String> without;
		try (ConfigurableApplicationContext context = start(stack, false)) {
			assertThat(context.getBeanNamesForType(HealthEngine.class)).isEmpty();
			without = answers(context);
		}
		try (ConfigurableApplicationContext context = start(stack, true)) {
			assertThat(context.getBeanNamesForType(HealthEngine.class)).hasSize(1);
			Map<String, String> with = answers(context);
			// each indicator is a check, which the starter evaluates for Actuator
			assertThat(context.getBean(HealthEngine.class).getAll()).containsKeys("configServer", "maintenance",
					"reactor", "catalog");
			assertThat(with).isEqualTo(without);
		}
		// what Actuator alone answers, so the comparison is of the statuses the issue is about
		assertThat(without.get("/actuator/health")).startsWith("503 ").endsWith("\"status\":\"FATAL\"}");
		assertThat(without.get("/actuator/health/configServer")).startsWith("200 ").endsWith("\"status\":\"UNKNOWN\"}");
		assertThat(without.get("/actuator/health/maintenance")).endsWith("\"status\":\"OUT_OF_SERVICE\"}");
		assertThat(without.get("/actuator/health/optional")).startsWith("200 ").endsWith("\"status\":\"UP\"}");
	}

	@ParameterizedTest
	@EnumSource(Stack.class)
	void healthAggregatesActuatorsIndicatorsAsActuatorDoes(Stack stack) {
		try (ConfigurableApplicationContext context = start(stack, true)) {
			HttpTestClient http = client(context);
			HttpResponse<String> health = http.get("/health");
			assertThat(health.statusCode()).isEqualTo(http.get("/actuator/health").statusCode()).isEqualTo(503);
			JsonNode checks = HttpTestClient.json(health).get("checks");
			assertThat(checks.get("configServer").get("state").asString()).as("UNKNOWN: no opinion").isEqualTo("healthy");
			assertThat(checks.get("configServer").get("message").asString()).isEqualTo("no config server");
			assertThat(checks.get("reactor").get("state").asString()).as("FATAL answers 503").isEqualTo("unhealthy");
			assertThat(checks.get("reactor").get("message").asString()).isEqualTo("FATAL");
			assertThat(checks.get("catalog").get("state").asString()).isEqualTo("healthy");
			// unhealthy exactly where Actuator answers 503 (its HTTP mapping here lists FATAL alone)
			for (String indicator : List.of("configServer", "maintenance", "reactor", "catalog")) {
				boolean unavailable = http.get("/actuator/health/" + indicator).statusCode() == 503;
				assertThat(checks.get(indicator).get("state").asString().equals("unhealthy")).as(indicator)
					.isEqualTo(unavailable);
			}
			assertThat(http.get("/health/readiness").statusCode()).isEqualTo(503);
		}
	}

	@Test
	void aHungIndicatorIsAnsweredWithinItsTimeout() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StatusesApplication.class)
			.web(WebApplicationType.SERVLET)
			.initializers((application) -> application.getBeanFactory()
				.registerSingleton("frozenHealthIndicator", StatusesApplication.frozen()))
			.properties(StatusesApplication.PROPERTIES)
			.properties("health.checks.frozen.timeout=500ms")
			.run()) {
			HttpTestClient http = client(context);
			long start = System.nanoTime();
			HttpResponse<String> frozen = http.get("/actuator/health/frozen");
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(HttpTestClient.json(frozen).get("status").asString()).isEqualTo("DOWN");
			assertThat(frozen.body()).contains("timed out after 500ms");
			assertThat(took).isLessThan(Duration.ofSeconds(5));
			assertThat(HttpTestClient.json(http.get("/actuator/health/configServer")).get("status").asString())
				.isEqualTo("UNKNOWN");
		}
	}

	private static ConfigurableApplicationContext start(Stack stack, boolean withStarter) {
		// on Netty, though Tomcat is on the class path too
		String[] server = (stack == Stack.NETTY)
				? new String[] { "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration" }
				: new String[0];
		String exclude = withStarter ? "spring.autoconfigure.exclude=" + String.join(",", server)
				: WithoutTheStarter.exclude(server);
		return new SpringApplicationBuilder(StatusesApplication.class).web(stack.type)
			.properties(StatusesApplication.PROPERTIES)
			.properties(exclude)
			.run();
	}

	private static Map<String, String> answers(ConfigurableApplicationContext context) {
		Map<String, String> answers = new LinkedHashMap<>();
		for (String path : PATHS) {
			HttpResponse<String> response = answer(context, path);
			answers.put(path, response.statusCode() + " " + response.body());
		}
		return answers;
	}

	/**
	 * One answer, asked again on a new connection when none came: Actuator alone on Reactor Netty (without the
	 * starter) leaves about one request in 60 of this test unanswered until the client's timeout (seen with HTTP/1.1
	 * and HTTP/2 clients alike), which is not what this test compares.
	 */
	private static HttpResponse<String> answer(ConfigurableApplicationContext context, String path) {
		try {
			return client(context).get(path);
		}
		catch (UncheckedIOException ex) {
			if (!(ex.getCause() instanceof HttpTimeoutException)) {
				throw ex;
			}
			return client(context).get(path);
		}
	}

	private static HttpTestClient client(ConfigurableApplicationContext context) {
		return new HttpTestClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
	}

	enum Stack {

		SERVLET(WebApplicationType.SERVLET), NETTY(WebApplicationType.REACTIVE);

		private final WebApplicationType type;

		Stack(WebApplicationType type) {
			this.type = type;
		}

	}

}
