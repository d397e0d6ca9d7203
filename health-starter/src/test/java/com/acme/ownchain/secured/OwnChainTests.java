package com.acme.ownchain.secured;

import java.net.http.HttpResponse;

import com.acme.testing.HttpTestClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the application's own security chain: health paths answer anonymously, the application stays protected,
 * and {@code /metrics} stays behind the application's chain unless {@code health.security.permit-metrics=true}.
 */
@Timeout(60)
class OwnChainTests {

	private static final String OPS = HttpTestClient.basic("ops", "secret");

	@Nested
	@SpringBootTest(classes = OwnChainApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.security.user.name=ops", "spring.security.user.password=secret" })
	class MetricsProtected {

		@LocalServerPort
		private int port;

		@Test
		void healthIsPublicWhileTheApplicationAndMetricsAreNot() {
			HttpTestClient http = new HttpTestClient(this.port);
			assertThat(http.get("/health").statusCode()).isEqualTo(200);
			assertThat(http.get("/health/readiness").statusCode()).isEqualTo(200);
			assertThat(http.get("/public").statusCode()).isEqualTo(200);
			assertThat(http.get("/api/orders").statusCode()).isEqualTo(401);
			assertThat(http.get("/metrics").statusCode()).isEqualTo(401);
			assertThat(http.get("/metrics", "Authorization", OPS).statusCode()).isEqualTo(200);
		}

	}

	@Nested
	@SpringBootTest(classes = OwnChainApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.security.user.name=ops", "spring.security.user.password=secret",
					"health.security.permit-metrics=true" })
	class MetricsPermitted {

		@LocalServerPort
		private int port;

		@Test
		void metricsAnswerAnonymously() {
			HttpTestClient http = new HttpTestClient(this.port);
			assertThat(http.get("/metrics").statusCode()).isEqualTo(200);
			assertThat(http.get("/api/orders").statusCode()).isEqualTo(401);
		}

	}


	@Nested
	@SpringBootTest(classes = OwnChainApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.security.user.name=ops", "spring.security.user.password=secret",
					"health.cors.allowed-origins=*" })
	class ApplicationEndpointsUnderTheBasePath {

		@LocalServerPort
		private int port;

		@Test
		void keepTheApplicationsSecurityAndCsrfAndGetNoCors() {
			HttpTestClient http = new HttpTestClient(this.port);
			assertThat(http.get("/health/admin/config").statusCode()).isEqualTo(401);
			assertThat(http.get("/health/admin/config", "Authorization", OPS).body()).contains("\"toggled\":false");
			assertThat(http.send("POST", "/health/admin/toggle").statusCode()).isEqualTo(401);
			assertThat(http.send("POST", "/health/admin/toggle", "Authorization", OPS).statusCode())
				.as("a POST without a CSRF token").isIn(401, 403);
			assertThat(http.get("/health/admin/config", "Authorization", OPS).body()).contains("\"toggled\":false");
			assertThat(http.get("/health/admin/config", "Authorization", OPS, "Origin", "https://evil.example")
				.headers()
				.firstValue("Access-Control-Allow-Origin")).isEmpty();
			HttpResponse<String> health = http.get("/health", "Origin", "https://dashboard.example");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
		}

		@Test
		void healthPathsIgnoreCredentialsAndShowNoDetailsToAnyone() {
			HttpTestClient http = new HttpTestClient(this.port);
			String wrong = HttpTestClient.basic("ops", "nope");
			for (String[] headers : new String[][] { {}, { "Authorization", OPS }, { "Authorization", wrong } }) {
				HttpResponse<String> response = http.get("/health", headers);
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
				JsonNode inventory = HttpTestClient.json(response).get("checks").get("inventory");
				assertThat(inventory.get("state").asString()).isEqualTo("healthy");
			}
			assertThat(http.get("/health/nonexistent").statusCode()).as("not an endpoint: the application's chain")
				.isEqualTo(401);
		}

	}

	@Nested
	@SpringBootTest(classes = OwnChainApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.security.user.name=ops", "spring.security.user.password=secret",
					"spring.mvc.servlet.path=/api", "health.additional-paths.[/livez]=liveness" })
	class UnderAServletPath {

		@LocalServerPort
		private int port;

		@Test
		void healthPathsUnderTheServletPathStayPublic() {
			HttpTestClient http = new HttpTestClient(this.port);
			assertThat(http.get("/api/health").statusCode()).isEqualTo(200);
			assertThat(http.get("/api/health/readiness").statusCode()).isEqualTo(200);
			assertThat(http.get("/api/livez").statusCode()).isEqualTo(200);
			assertThat(http.get("/api/api/orders").statusCode()).isEqualTo(401);
			assertThat(http.get("/api/metrics").statusCode()).isEqualTo(401);
		}

	}

}
