package dev.healthstarter.advisor;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static dev.healthstarter.advisor.Advised.pod;
import static dev.healthstarter.advisor.Advised.probe;
import static dev.healthstarter.advisor.Advised.startedIn;
import static org.assertj.core.api.Assertions.assertThat;

class StartupBudgetBelowStartupTimeTests {

	private final StartupBudgetBelowStartupTime rule = new StartupBudgetBelowStartupTime();

	@Test
	void firesWhenTheStartupProbesBudgetIsShorterThanTheStartUp() {
		assertThat(this.rule.evaluate(startedIn(Duration.ofSeconds(42)), pod(probe(1, 10, 3), null, probe(1, 5, 6))))
			.singleElement()
			.satisfies((finding) -> {
				assertThat(finding.rule()).isEqualTo("startup-budget-below-startup-time");
				assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
				assertThat(finding.probe()).isEqualTo("startup");
				assertThat(finding.evidence()).containsEntry("startupTime", "42s")
					.containsEntry("startupBudget", "30s")
					.containsEntry("failureThreshold", "6")
					.containsEntry("period", "5s");
			});
	}

	@Test
	void firesOnLivenessWithoutAStartupProbe() {
		ProbeSettings liveness = new ProbeSettings(Duration.ofSeconds(1), Duration.ofSeconds(10), 3,
				Duration.ofSeconds(5));
		assertThat(this.rule.evaluate(startedIn(Duration.ofSeconds(36)), pod(liveness, null, null))).singleElement()
			.satisfies((finding) -> {
				assertThat(finding.probe()).isEqualTo("liveness");
				assertThat(finding.evidence()).containsEntry("startupBudget", "35s").containsEntry("initialDelay", "5s");
			});
	}

	@Test
	void staysSilentWhenTheBudgetCoversTheStartUp() {
		assertThat(this.rule.evaluate(startedIn(Duration.ofSeconds(42)), pod(probe(1, 10, 3), null, probe(1, 5, 60))))
			.isEmpty();
	}

	@Test
	void staysSilentBeforeTheApplicationIsReady() {
		assertThat(this.rule.evaluate(Advised.facts(), pod(probe(1, 1, 1), null, null))).isEmpty();
	}

}
