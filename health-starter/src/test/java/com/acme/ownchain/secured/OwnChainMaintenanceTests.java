package com.acme.ownchain.secured;

import com.acme.testing.HttpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The maintenance switch behind an application's own chain, which authenticates every request and keeps Spring
 * Security's CSRF protection: the chain, not the starter, refuses a switch without credentials (401) or without a
 * CSRF token, as it refuses any other state-changing request.
 */
@SpringBootTest(classes = OwnChainApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.security.user.name=ops", "spring.security.user.password=secret",
				"health.maintenance.enabled=true" })
@Timeout(60)
class OwnChainMaintenanceTests {

	@LocalServerPort
	private int port;

	@Test
	void theApplicationsChainKeepsItsAuthenticationAndCsrfRules() {
		HttpTestClient http = new HttpTestClient(this.port);
		assertThat(http.sendJson("PUT", "/health/maintenance", "{\"reason\":\"x\"}").statusCode()).isEqualTo(401);
		assertThat(http.sendJson("PUT", "/health/maintenance", "{\"reason\":\"x\"}", "Authorization",
				HttpTestClient.basic("ops", "secret"))
			.statusCode()).as("no CSRF token: refused as the chain refuses it (its 403 becomes a 401 on the error page)")
			.isIn(401, 403);
		assertThat(http.get("/health/readiness").statusCode()).isEqualTo(200);
	}

}
