package com.acme.cloudconfig;

import java.net.http.HttpResponse;

import com.acme.testing.HttpTestClient;
import com.acme.testing.WithoutTheStarter;
import dev.healthstarter.core.HealthEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Cloud Config's client shares the {@code health.} prefix ({@code health.config.time-to-live}): its keys stay
 * its own. By default its indicator is in {@code /actuator/health} and a check, whose {@code UNKNOWN} (no config
 * server) is healthy in {@code /health}, as Actuator's aggregate ignores it; with
 * {@code management.health.config.enabled=false} it is neither. The starter never reads or warns about a
 * {@code health.config.*} key. Runs in its own surefire execution, the only one with Config's client on the class
 * path (the client changes how every application on it starts).
 */
@Timeout(120)
@ExtendWith(OutputCaptureExtension.class)
class SpringCloudConfigNamespaceTests {

	private static final String INDICATOR = "clientConfigServer";

	@Test
	void theConfigClientsIndicatorIsACheckAndItsUnknownIsHealthy(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("health.config.time-to-live=1m")) {
			HttpTestClient http = client(context);
			JsonNode actuator = HttpTestClient.json(http.get("/actuator/health"));
			assertThat(actuator.get("components").get(INDICATOR).get("status").asString()).isEqualTo("UNKNOWN");
			assertThat(actuator.get("status").asString()).isEqualTo("UP");
			assertThat(context.getBean(HealthEngine.class).getAll()).containsKey(INDICATOR);
			HttpResponse<String> health = http.get("/health");
			assertThat(health.statusCode()).isEqualTo(200);
			JsonNode body = HttpTestClient.json(health);
			assertThat(body.get("status").asString()).isEqualTo("healthy");
			assertThat(body.get("checks").get(INDICATOR).get("state").asString()).isEqualTo("healthy");
		}
		assertThat(output).doesNotContain("health.config");
	}

	@Test
	void turnedOffByActuatorsKeyTheConfigIndicatorIsNeitherInActuatorNorACheck(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("management.health.config.enabled=false")) {
			HttpTestClient http = client(context);
			JsonNode actuator = HttpTestClient.json(http.get("/actuator/health"));
			assertThat(actuator.get("components").has(INDICATOR)).isFalse();
			assertThat(actuator.get("components").has("ping")).isTrue();
			assertThat(context.getBean(HealthEngine.class).getAll()).doesNotContainKey(INDICATOR).containsKey("ping");
			assertThat(HttpTestClient.json(http.get("/health")).get("checks").has(INDICATOR)).isFalse();
		}
		assertThat(output).doesNotContain("health.config");
	}

	/**
	 * {@code health.config.enabled} is a key of older Config clients: this one (Spring Cloud 2025.1) has only
	 * {@code health.config.time-to-live} and turns its indicator off by Actuator's
	 * {@code management.health.config.enabled}. The key changes nothing, with the starter as without it.
	 */
	@Test
	void theObsoleteHealthConfigEnabledKeyChangesNothingWithOrWithoutTheStarter(CapturedOutput output) {
		boolean without;
		try (ConfigurableApplicationContext context = start("health.config.enabled=false",
				WithoutTheStarter.exclude())) {
			assertThat(context.getBeanNamesForType(HealthEngine.class)).isEmpty();
			without = HttpTestClient.json(client(context).get("/actuator/health")).get("components").has(INDICATOR);
		}
		try (ConfigurableApplicationContext context = start("health.config.enabled=false")) {
			HttpTestClient http = client(context);
			assertThat(HttpTestClient.json(http.get("/actuator/health")).get("components").has(INDICATOR))
				.isEqualTo(without)
				.isTrue();
			assertThat(context.getBean(HealthEngine.class).getAll()).containsKey(INDICATOR);
		}
		assertThat(output).doesNotContain("health.config");
	}

	private static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(ConfigClientApplication.class)
			.properties("server.port=0", "spring.application.name=orders",
					// no config server: the client tries once at start-up, and the application starts without it
					"spring.config.import=optional:configserver:http://127.0.0.1:1",
					"management.endpoints.web.exposure.include=health",
					"management.endpoint.health.show-components=always", "management.health.diskspace.enabled=false")
			.properties(properties)
			.run();
	}

	private static HttpTestClient client(ConfigurableApplicationContext context) {
		return new HttpTestClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
	}

}
