package com.acme.reactive.secured;


import com.acme.testing.HttpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebFlux with Spring Security and {@code management.server.port}: on Actuator's server the health endpoints answer
 * anonymously, a check's message only to an authorized caller, and {@code /metrics} stays behind the application's
 * security, as on Spring MVC ({@code ManagementPortSecuredTests}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				ReactiveSecuredApplication.NETTY + ",org.springframework.boot.tomcat.autoconfigure.actuate.web.server."
						+ "TomcatReactiveManagementContextAutoConfiguration",
				"spring.security.user.name=ops", "spring.security.user.password=secret",
				"spring.security.user.roles=OPS", "health.show-details=when-authorized",
				"health.security.http-basic=true", "management.server.port=0" })
@Timeout(60)
class ReactiveManagementPortSecuredTests {

	private static final String OPS = HttpTestClient.basic("ops", "secret");

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Test
	void healthPathsAnswerAnonymouslyOnTheManagementPortAndNothingElseOpens() {
		HttpTestClient management = new HttpTestClient(this.managementPort);
		HttpTestClient application = new HttpTestClient(this.port);
		for (String path : new String[] { "/health", "/health/readiness", "/health/history" }) {
			assertThat(management.get(path).statusCode()).as("management port " + path).isEqualTo(200);
			assertThat(application.get(path).statusCode()).as("application port " + path).isIn(401, 404);
		}
		assertThat(management.get("/metrics").statusCode()).isEqualTo(401);
		assertThat(management.get("/metrics", "Authorization", OPS).statusCode()).isEqualTo(200);
		assertThat(application.get("/api/orders").statusCode()).isEqualTo(401);
	}

	@Test
	void onlyAnAuthorizedCallerReadsTheChecksMessagesOnTheManagementPort() {
		HttpTestClient management = new HttpTestClient(this.managementPort);
		assertThat(management.get("/health").body()).contains("\"ledger\":{\"state\":\"degraded\"")
			.doesNotContain("replica lag");
		assertThat(management.get("/health", "Authorization", OPS).body()).contains("replica lag 4s");
		assertThat(management.get("/health", "Authorization", "Basic bm9ib2R5Om5vcGU=").statusCode())
			.as("wrong credentials on an open path").isEqualTo(401);
	}

}
