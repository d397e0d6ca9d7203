package com.acme.secured;


import com.acme.testing.HttpTestClient;
import com.acme.testing.SwitchableCheck;
import dev.healthstarter.HealthCheckResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring MVC with Spring Security and {@code management.server.port}: the health endpoints move to Actuator's
 * server with the same security as on the application's port. Health paths answer anonymously there, a check's
 * message only to an authorized caller, {@code /metrics} stays behind the application's security, and the
 * application's own paths stay protected on their port.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.security.user.name=ops", "spring.security.user.password=secret",
				"spring.security.user.roles=OPS", "health.show-details=when-authorized", "health.security.http-basic=true",
				"health.additional-paths.[/readyz]=readiness", "health.checks.payments.critical=false",
				"health.cache-ttl=50ms", "management.server.port=0" })
@Timeout(60)
class ManagementPortSecuredTests {

	private static final String OPS = HttpTestClient.basic("ops", "secret");

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private SwitchableCheck payments;

	@Test
	void healthPathsAnswerAnonymouslyOnTheManagementPortAndNothingElseOpens() {
		HttpTestClient management = new HttpTestClient(this.managementPort);
		HttpTestClient application = new HttpTestClient(this.port);
		for (String path : new String[] { "/health", "/health/readiness", "/readyz", "/health/history" }) {
			assertThat(management.get(path).statusCode()).as("management port " + path).isEqualTo(200);
			assertThat(application.get(path).statusCode()).as("application port " + path).isIn(401, 404);
		}
		assertThat(management.get("/metrics").statusCode()).isEqualTo(401);
		assertThat(management.get("/metrics", "Authorization", OPS).statusCode()).isEqualTo(200);
		assertThat(management.send("POST", "/health").statusCode()).as("only GET and HEAD are opened")
			.isIn(401, 403);
		assertThat(application.get("/api/orders").statusCode()).isEqualTo(401);
	}

	@Test
	void onlyAnAuthorizedCallerReadsTheChecksMessagesOnTheManagementPort() {
		HttpTestClient management = new HttpTestClient(this.managementPort);
		this.payments.set(HealthCheckResult.degraded("card processor slow"));
		try {
			await().untilAsserted(() -> assertThat(management.get("/health", "Authorization", OPS).body())
				.contains("card processor slow"));
			assertThat(management.get("/health").body()).contains("\"payments\"").doesNotContain("card processor");
			assertThat(management.get("/health", "Authorization", "Basic bm9ib2R5Om5vcGU=").statusCode())
				.as("wrong credentials on an open path").isEqualTo(401);
		}
		finally {
			this.payments.set(HealthCheckResult.healthy());
		}
	}

}
