package dev.healthstarter.web;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.healthstarter.advisor.AdvisorRule;
import dev.healthstarter.advisor.ApplicationFacts;
import dev.healthstarter.advisor.Finding;
import dev.healthstarter.advisor.PodProbes;
import dev.healthstarter.advisor.ProbeAdvisor;
import dev.healthstarter.advisor.Severity;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** What each caller sees of the advice: the findings for those who see the checks, {@code []} for the others. */
class HealthAdviceControllerTests {

	private static final Finding FINDING = new Finding("liveness-checks-dependencies", Severity.WARNING, "liveness",
			"The liveness group checks [db]", Map.of("livenessChecks", "1"), AdvisorRule.PROBE_CONCEPTS_PAGE);

	private final ProbeAdvisor advisor = new ProbeAdvisor(() -> new ApplicationFacts(List.of(), null,
			Duration.ZERO, Duration.ZERO), () -> null, List.of(new AdvisorRule() {

				@Override
				public String id() {
					return FINDING.rule();
				}

				@Override
				public List<Finding> evaluate(ApplicationFacts facts, @Nullable PodProbes probes) {
					return List.of(FINDING);
				}

			}));

	@Test
	void callersWhoSeeTheChecksGetTheFindings() {
		assertThat(body(Visibility.ALWAYS, null)).isEqualTo("[{\"rule\":\"liveness-checks-dependencies\","
				+ "\"severity\":\"warning\",\"probe\":\"liveness\",\"message\":\"The liveness group checks [db]\","
				+ "\"evidence\":{\"livenessChecks\":\"1\"},\"source\":\"" + AdvisorRule.PROBE_CONCEPTS_PAGE + "\"}]");
	}

	@Test
	void anonymousCallersGetNothingWhenComponentsAreShownOnlyToAuthorizedOnes() {
		Visibility whenAuthorized = new Visibility(Show.WHEN_AUTHORIZED, Show.WHEN_AUTHORIZED, Set.of("ops"));
		assertThat(body(whenAuthorized, null)).isEqualTo("[]");
		assertThat(body(whenAuthorized, () -> "operator")).startsWith("[{\"rule\"");
	}

	@Test
	void nobodyGetsFindingsWhenComponentsAreNeverShown() {
		assertThat(body(new Visibility(Show.NEVER, Show.NEVER, Set.of()), () -> "operator")).isEqualTo("[]");
	}

	private String body(Visibility visibility, @Nullable Principal principal) {
		ResponseEntity<byte[]> response = new HealthAdviceController(this.advisor, visibility, new HealthJson())
			.advice(new HealthCaller(principal, "ops"::equals, null, null, "127.0.0.1", false, (name) -> null));
		assertThat(response.getHeaders().getCacheControl()).isEqualTo("no-store");
		return new String(response.getBody(), StandardCharsets.UTF_8);
	}

}
