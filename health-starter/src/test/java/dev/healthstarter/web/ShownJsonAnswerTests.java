package dev.healthstarter.web;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** The answer is 200 JSON that is never cached, and its body is the one for what the caller sees. */
class ShownJsonAnswerTests {

	private final ShownJsonAnswer answer = new ShownJsonAnswer(
			new Visibility(Show.WHEN_AUTHORIZED, Show.WHEN_AUTHORIZED, Set.of("OPS")), new HealthJson());

	@Test
	void theAnswerIsJsonThatIsNeverCached() {
		ResponseEntity<byte[]> response = answer(null, "OPS");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getHeaders().getCacheControl()).isEqualTo("no-store");
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
	}

	@Test
	void theBodyIsTheOneForWhatTheCallerSees() {
		assertThat(body(null, "OPS")).isEqualTo("{\"shown\":\"STATUS\"}");
		assertThat(body(() -> "dev", "DEV")).isEqualTo("{\"shown\":\"STATUS\"}");
		assertThat(body(() -> "ops", "OPS")).isEqualTo("{\"shown\":\"DETAILS\"}");
	}

	private String body(@Nullable Principal principal, String role) {
		return new String(answer(principal, role).getBody(), StandardCharsets.UTF_8);
	}

	private ResponseEntity<byte[]> answer(@Nullable Principal principal, String role) {
		HealthCaller caller = new HealthCaller(principal, role::equals, null, null, "127.0.0.1", false, (name) -> null);
		return this.answer.to(caller, (shown) -> Map.of("shown", shown.name()));
	}

}
