package com.acme.maintenance.secured;

import java.net.http.HttpResponse;

import com.acme.testing.HttpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the maintenance switch promises under Spring Security on the application's port, on every stack: the
 * application's chain lets every request through, so the switch itself asks for an authenticated caller (401) with one
 * of {@code health.roles} (403), and only then changes readiness. Each stack's test starts its application, with its
 * own chain and users {@code ops} (role {@code OPS}) and {@code dev} (role {@code DEV}), on its server.
 */
@TestPropertySource(properties = { "health.maintenance.enabled=true", "health.roles=OPS" })
@Timeout(60)
public abstract class SecuredMaintenanceContract {

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
	void anAnonymousCallerGets401AndChangesNothing() {
		HttpResponse<String> put = this.http.sendJson("PUT", PATH, BODY);
		assertThat(put.statusCode()).isEqualTo(401);
		assertThat(put.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(this.http.send("DELETE", PATH).statusCode()).isEqualTo(401);
		assertThat(this.http.get("/health/readiness").statusCode()).isEqualTo(200);
	}

	@Test
	void aCallerWithoutTheRoleGets403AndChangesNothing() {
		String dev = HttpTestClient.basic("dev", "secret");
		assertThat(this.http.sendJson("PUT", PATH, BODY, "Authorization", dev).statusCode()).isEqualTo(403);
		assertThat(this.http.send("DELETE", PATH, "Authorization", dev).statusCode()).isEqualTo(403);
		assertThat(this.http.get("/health/readiness").statusCode()).isEqualTo(200);
	}

	@Test
	void aCallerWithTheRoleSwitchesItWhileLivenessStaysUp() {
		String ops = HttpTestClient.basic("ops", "secret");
		assertThat(this.http.sendJson("PUT", PATH, BODY, "Authorization", ops).statusCode()).isEqualTo(200);
		HttpResponse<String> readiness = this.http.get("/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(503);
		assertThat(HttpTestClient.json(readiness).path("maintenance").path("reason").asString()).as("for every caller")
			.isEqualTo("canary");
		assertThat(this.http.get("/health/liveness").statusCode()).isEqualTo(200);
		assertThat(this.http.send("DELETE", PATH, "Authorization", ops).statusCode()).isEqualTo(200);
		assertThat(this.http.get("/health/readiness").statusCode()).isEqualTo(200);
	}

}
