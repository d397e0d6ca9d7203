package com.acme.secured;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.acme.testing.HttpTestClient.SseStream;
import com.acme.testing.HttpTestClient;
import com.acme.testing.SwitchableCheck;
import dev.healthstarter.HealthCheckResult;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What anonymous and authorized callers see under every combination of {@code health.show-components} and
 * {@code health.show-details}, on every body that names checks: {@code GET /health} in both formats, a stream's
 * frame, {@code /health/history}, {@code /health/advice} and an error body (a bad {@code poll_interval}). An anonymous caller never sees a message unless the
 * application says {@code always}; one who may see no components sees no check name at all.
 */
@Timeout(120)
class VisibilityMatrixTests {

	private static final String MESSAGE = "card processor down at db-7.internal";

	private static final String OPS = HttpTestClient.basic("ops", "secret");

	@ParameterizedTest(name = "show-components={0}, show-details={1}")
	@CsvSource({ "always,always", "always,when-authorized", "always,never", "when-authorized,always",
			"when-authorized,when-authorized", "when-authorized,never", "never,always", "never,when-authorized",
			"never,never" })
	void everyBodyShowsWhatTheSettingsAllowTheCaller(String components, String details) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SecuredApplication.class)
			.properties("server.port=0", "spring.security.user.name=ops", "spring.security.user.password=secret",
					"spring.security.user.roles=OPS", "health.security.http-basic=true", "health.roles=OPS",
					"health.cache-ttl=50ms", "health.show-components=" + components, "health.show-details=" + details,
					"health.advisor.probes.readiness.timeout=1")
			.run()) {
			HttpTestClient http = new HttpTestClient(((WebServerApplicationContext) context).getWebServer().getPort());
			// a first state is not a transition: healthy first, then the outage
			assertThat(http.get("/health").statusCode()).isEqualTo(200);
			context.getBean("paymentsHealthCheck", SwitchableCheck.class).set(HealthCheckResult.unhealthy(MESSAGE));
			await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/health").statusCode() == 503);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> http.get("/health/history", "Authorization", OPS).body().contains("payments")
						|| components.equals("never"));
			assertCaller(http, new String[0], shown(components, false), shown(components, false) && shown(details, false));
			assertCaller(http, new String[] { "Authorization", OPS }, shown(components, true),
					shown(components, true) && shown(details, true));
		}
	}

	private static void assertCaller(HttpTestClient http, String[] credentials, boolean components, boolean details)
			throws Exception {
		String caller = (credentials.length == 0) ? "anonymous" : "authorized";
		JsonNode plain = HttpTestClient.json(http.get("/health", credentials));
		assertChecks(caller + " GET /health", plain.get("checks"), components, details, "message");
		String[] healthJson = concat(credentials, "Accept", "application/health+json");
		JsonNode draft = HttpTestClient.json(http.get("/health", healthJson));
		JsonNode draftChecks = draft.get("checks");
		assertThat(draftChecks != null).as(caller + " health+json checks").isEqualTo(components);
		if (components) {
			assertThat(draftChecks.get("payments").get(0).has("output")).as(caller + " health+json output")
				.isEqualTo(details);
		}
		try (SseStream stream = http.stream("/health/$stream", credentials)) {
			assertChecks(caller + " stream frame", stream.next().data().get("checks"), components, details, "message");
		}
		JsonNode transitions = HttpTestClient.json(http.get("/health/history", credentials)).get("transitions");
		assertThat(transitions.isEmpty()).as(caller + " history empty").isEqualTo(!components);
		if (components) {
			JsonNode last = transitions.get(transitions.size() - 1);
			assertThat(last.get("check").asString()).isEqualTo("payments");
			assertThat(last.has("message")).as(caller + " history message").isEqualTo(details);
		}
		// the readiness probe waits no longer than the checks' 1 s timeout: a finding naming a check
		HttpResponse<String> advice = http.get("/health/advice", credentials);
		assertThat(advice.statusCode()).as(caller + " advice").isEqualTo(200);
		assertThat(HttpTestClient.json(advice).isEmpty()).as(caller + " advice empty").isEqualTo(!components);
		HttpResponse<String> error = http.get("/health/$stream?poll_interval=soon", credentials);
		assertThat(error.statusCode()).isEqualTo(400);
		assertThat(error.body()).as(caller + " error body").doesNotContain(MESSAGE);
		if (!components) {
			assertThat(error.body()).as(caller + " error body").doesNotContain("payments");
		}
	}

	private static void assertChecks(String what, JsonNode checks, boolean components, boolean details,
			String messageField) {
		assertThat(checks != null).as(what + ": checks listed").isEqualTo(components);
		if (components) {
			JsonNode payments = checks.get("payments");
			assertThat(payments.get("state").asString()).isEqualTo("unhealthy");
			assertThat(payments.has(messageField)).as(what + ": message").isEqualTo(details);
		}
	}

	private static boolean shown(String setting, boolean authorized) {
		return setting.equals("always") || (setting.equals("when-authorized") && authorized);
	}

	private static String[] concat(String[] first, String... more) {
		String[] all = new String[first.length + more.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(more, 0, all, first.length, more.length);
		return all;
	}

}
