package com.acme.ownchain.secured;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.acme.testing.HttpTestClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the application's own security chain: health paths answer anonymously, the application stays protected,
 * and {@code /metrics} stays behind the application's chain unless {@code health.security.permit-metrics=true}.
 */
@Timeout(60)
class OwnChainTests {

	private static final String OPS = "Basic "
			+ Base64.getEncoder().encodeToString("ops:secret".getBytes(StandardCharsets.UTF_8));

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
