package com.acme.maintenance.reactive.secured;

import com.acme.testing.HttpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The maintenance switch under Spring Security on WebFlux's port, as on Spring MVC: 401 for an anonymous caller, 403
 * without one of {@code health.roles}, and only then a change of readiness.
 */
@SpringBootTest(classes = ReactiveSecuredMaintenanceApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"spring.autoconfigure.exclude=org.springframework.boot.tomcat.autoconfigure.reactive."
						+ "TomcatReactiveWebServerAutoConfiguration",
				"health.maintenance.enabled=true", "health.roles=OPS" })
@Timeout(60)
class ReactiveSecuredMaintenanceTests {

	private static final String PATH = "/health/maintenance";

	private static final String BODY = "{\"reason\":\"canary\"}";

	@LocalServerPort
	private int port;

	private HttpTestClient http;

	@BeforeEach
	void connect() {
		this.http = new HttpTestClient(this.port);
	}

	@AfterEach
	void leave() {
		this.http.send("DELETE", PATH, "Authorization", HttpTestClient.basic("ops", "secret"));
	}

	@Test
	void onlyAnAuthenticatedCallerWithTheRoleSwitchesIt() {
		assertThat(this.http.sendJson("PUT", PATH, BODY).statusCode()).isEqualTo(401);
		assertThat(this.http.sendJson("PUT", PATH, BODY, "Authorization", HttpTestClient.basic("dev", "secret"))
			.statusCode()).isEqualTo(403);
		assertThat(this.http.get("/health/readiness").statusCode()).isEqualTo(200);

		String ops = HttpTestClient.basic("ops", "secret");
		assertThat(this.http.sendJson("PUT", PATH, BODY, "Authorization", ops).statusCode()).isEqualTo(200);
		assertThat(this.http.get("/health/readiness").statusCode()).isEqualTo(503);
		assertThat(this.http.get("/health/liveness").statusCode()).isEqualTo(200);
		assertThat(this.http.send("DELETE", PATH, "Authorization", ops).statusCode()).isEqualTo(200);
		assertThat(this.http.get("/health/readiness").statusCode()).isEqualTo(200);
	}

}
