package com.acme.reactive.secured;


import com.acme.testing.HttpTestClient.SseStream;
import com.acme.testing.HttpTestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On WebFlux with Spring Security and no chain of the application's own, the starter's chain opens exactly the
 * health endpoints, and everything else keeps Spring Security's default protection: as on Spring MVC.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", ReactiveSecuredApplication.NETTY,
				"spring.security.user.name=ops", "spring.security.user.password=secret",
				"spring.security.user.roles=OPS", "health.show-details=when-authorized",
				"health.security.http-basic=true" })
@Timeout(60)
class ReactiveSecuredApplicationTests {

	private static final String OPS = HttpTestClient.basic("ops", "secret");

	@LocalServerPort
	private int port;

	private HttpTestClient http;

	@BeforeEach
	void connect() {
		this.http = new HttpTestClient(this.port);
	}

	@Test
	void healthPathsAnswerAnonymouslyWhileTheApplicationStaysProtected() throws Exception {
		for (String path : new String[] { "/health", "/health/liveness", "/health/readiness", "/health/startup",
				"/health/history" }) {
			assertThat(this.http.get(path).statusCode()).as(path).isEqualTo(200);
		}
		try (SseStream stream = this.http.stream("/health/readiness/$stream")) {
			assertThat(stream.response.statusCode()).isEqualTo(200);
			assertThat(stream.next().field("data")).contains("\"status\":\"degraded\"");
		}
		assertThat(this.http.get("/api/orders").statusCode()).isEqualTo(401);
		assertThat(this.http.get("/api/orders", "Authorization", OPS).statusCode()).isEqualTo(200);
	}

	@Test
	void anApplicationEndpointUnderTheBasePathAndTheMetricsKeepTheApplicationsSecurity() {
		assertThat(this.http.get("/health/admin").statusCode()).isEqualTo(401);
		assertThat(this.http.get("/health/admin", "Authorization", OPS).statusCode()).isEqualTo(200);
		assertThat(this.http.get("/metrics").statusCode()).isEqualTo(401);
		assertThat(this.http.send("POST", "/health").statusCode()).as("not opened: only GET and HEAD are")
			.isIn(401, 403);
	}

	@Test
	void onlyAnAuthorizedCallerReadsTheChecksMessages() {
		assertThat(this.http.get("/health").body()).contains("\"ledger\":{\"state\":\"degraded\"")
			.doesNotContain("replica lag");
		assertThat(this.http.get("/health", "Authorization", OPS).body()).contains("replica lag 4s");
		assertThat(this.http.get("/health", "Authorization", "Basic bm9ib2R5Om5vcGU=").statusCode())
			.as("wrong credentials on an open path").isEqualTo(401);
	}

}
