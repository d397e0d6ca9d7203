package com.acme.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.acme.testing.RawHttp;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code health.server.port}, which port serves what is decided on the path the container resolved: a path
 * parameter, a percent-encoded letter, a dot segment or a doubled slash reaches on each port exactly what its
 * resolved path reaches, or is refused with 400. On b0f11ed {@code /metrics;x} and {@code /%68ealth} answered 200 on
 * the application port, and {@code /health/../actuator/health} reached the application on the health port.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "health.server.port=0",
		"health.additional-paths.[/livez]=liveness", "management.endpoints.web.exposure.include=health" })
@Timeout(60)
class PortIsolationTests {

	@LocalServerPort
	private int applicationPort;

	@Autowired
	private Connector healthStarterConnector;

	@Test
	void pathTricksReachWhatTheirResolvedPathReachesOrAre400() {
		int health = this.healthStarterConnector.getLocalPort();
		// path, allowed answers on the application port, allowed answers on the health port
		Object[][] cases = { { "/metrics;x", Set.of(400), Set.of(400) }, { "/%68ealth", Set.of(404), Set.of(200) },
				{ "/%6detrics", Set.of(404), Set.of(200) }, { "/health;a/$stream", Set.of(400), Set.of(400) },
				{ "/%6civez", Set.of(404), Set.of(200) }, { "/livez;x", Set.of(400), Set.of(400) },
				{ "//health", Set.of(400, 404), Set.of(400) }, { "/health/", Set.of(404), Set.of(404) },
				// Spring MVC matches the raw path's segments, so on the application port these find no handler
				{ "/health/../actuator/health", Set.of(200, 400, 404), Set.of(400) },
				{ "/health/%2e%2e/actuator/health", Set.of(200, 400, 404), Set.of(400) },
				{ "/health/..;/actuator/health", Set.of(200, 400, 404), Set.of(400) },
				{ "/actuator/health;x", Set.of(200, 400), Set.of(400) }, { "/actuator/health", Set.of(200), Set.of(404) },
				{ "/health", Set.of(404), Set.of(200) }, { "/metrics", Set.of(404), Set.of(200) } };
		List<String> wrong = new ArrayList<>();
		for (Object[] row : cases) {
			String path = (String) row[0];
			int onApplication = RawHttp.status(this.applicationPort, path);
			int onHealth = RawHttp.status(health, path);
			if (!((Set<?>) row[1]).contains(onApplication)) {
				wrong.add("application port " + path + " answered " + onApplication + ", expected " + row[1]);
			}
			if (!((Set<?>) row[2]).contains(onHealth)) {
				wrong.add("health port " + path + " answered " + onHealth + ", expected " + row[2]);
			}
		}
		assertThat(wrong).isEmpty();
	}

}
