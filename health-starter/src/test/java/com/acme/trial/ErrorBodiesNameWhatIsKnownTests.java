package com.acme.trial;

import java.net.http.HttpResponse;

import com.acme.testing.HttpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's plausible mistakes get answers that say what is known: a misspelled group lists the groups there are,
 * an unknown stream mode names the modes there are, and a repeated parameter is told apart from an unknown value.
 */
@SpringBootTest(classes = TrialApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "health.checks.inventory.groups=readiness,persistence")
@Timeout(60)
class ErrorBodiesNameWhatIsKnownTests {

	@LocalServerPort
	private int port;

	@Test
	void anUnknownGroupIs404ListingTheGroupsThereAre() {
		HttpTestClient http = new HttpTestClient(this.port);
		for (String path : new String[] { "/health/persistance", "/health/persistance/$stream" }) {
			HttpResponse<String> response = http.get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			JsonNode problem = HttpTestClient.json(response);
			assertThat(problem.get("detail").asString())
				.isEqualTo("No health group named 'persistance'; groups: liveness, persistence, readiness, startup");
			assertThat(problem.get("groups").valueStream().map(JsonNode::asString))
				.containsExactly("liveness", "persistence", "readiness", "startup");
		}
	}

	@Test
	void anUnknownModeIsNamedWithTheModesThereAre() {
		HttpResponse<String> response = new HttpTestClient(this.port).get("/health/$stream?mode=change");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = HttpTestClient.json(response);
		assertThat(problem.get("detail").asString()).isEqualTo("unknown mode 'change'; use poll or changes");
		assertThat(problem.get("parameter").asString()).isEqualTo("mode");
	}

	@Test
	void aRepeatedModeIsToldApartFromAnUnknownOne() {
		HttpResponse<String> response = new HttpTestClient(this.port).get("/health/$stream?mode=poll&mode=changes");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(HttpTestClient.json(response).get("detail").asString())
			.isEqualTo("mode must be given at most once; use poll or changes");
	}

	@Test
	void aHugeUnknownValueIsNotEchoedWhole() {
		HttpResponse<String> response = new HttpTestClient(this.port).get("/health/$stream?mode=" + "x".repeat(500));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(HttpTestClient.json(response).get("detail").asString())
			.isEqualTo("unknown mode '" + "x".repeat(64) + "...'; use poll or changes");
	}

}
