package dev.healthstarter.advisor;

import org.junit.jupiter.api.Test;

import static dev.healthstarter.advisor.Advised.SECOND;
import static dev.healthstarter.advisor.Advised.allProbes;
import static dev.healthstarter.advisor.Advised.check;
import static dev.healthstarter.advisor.Advised.facts;
import static org.assertj.core.api.Assertions.assertThat;

class LivenessEqualsReadinessTests {

	private final LivenessEqualsReadiness rule = new LivenessEqualsReadiness();

	@Test
	void firesWhenBothGroupsHaveTheSameChecks() {
		ApplicationFacts facts = facts(check("db", SECOND, "liveness", "readiness"),
				check("redis", SECOND, "readiness", "liveness"));
		assertThat(this.rule.evaluate(facts, allProbes())).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("liveness-equals-readiness");
			assertThat(finding.probe()).isEqualTo("liveness");
			assertThat(finding.message()).contains("[db, redis]");
			assertThat(finding.evidence()).containsEntry("sharedChecks", "2");
		});
	}

	@Test
	void staysSilentWhenReadinessHasMoreChecks() {
		ApplicationFacts facts = facts(check("db", SECOND, "liveness", "readiness"), check("redis", SECOND, "readiness"));
		assertThat(this.rule.evaluate(facts, allProbes())).isEmpty();
	}

	@Test
	void staysSilentWhenBothHoldOnlySpringsAvailabilityStates() {
		assertThat(this.rule.evaluate(facts(check("model", SECOND, "startup")), null)).isEmpty();
	}

}
