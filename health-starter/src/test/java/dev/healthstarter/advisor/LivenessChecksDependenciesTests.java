package dev.healthstarter.advisor;

import org.junit.jupiter.api.Test;

import static dev.healthstarter.advisor.Advised.SECOND;
import static dev.healthstarter.advisor.Advised.allProbes;
import static dev.healthstarter.advisor.Advised.check;
import static dev.healthstarter.advisor.Advised.facts;
import static dev.healthstarter.advisor.Advised.pod;
import static dev.healthstarter.advisor.Advised.probe;
import static org.assertj.core.api.Assertions.assertThat;

class LivenessChecksDependenciesTests {

	private final LivenessChecksDependencies rule = new LivenessChecksDependencies();

	@Test
	void firesWhenADatabaseCheckIsInLiveness() {
		ApplicationFacts facts = facts(check("db", SECOND, "liveness", "readiness"), check("model", SECOND, "readiness"));
		assertThat(this.rule.evaluate(facts, allProbes())).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("liveness-checks-dependencies");
			assertThat(finding.severity()).isEqualTo(Severity.WARNING);
			assertThat(finding.probe()).isEqualTo("liveness");
			assertThat(finding.message()).contains("[db]");
			assertThat(finding.evidence()).containsEntry("livenessChecks", "1");
			assertThat(finding.source()).startsWith("https://kubernetes.io/docs/");
		});
	}

	@Test
	void firesWithoutKnownProbes() {
		assertThat(this.rule.evaluate(facts(check("db", SECOND, "liveness")), null)).hasSize(1);
	}

	@Test
	void staysSilentWhenLivenessHoldsOnlySpringsLivenessState() {
		assertThat(this.rule.evaluate(facts(check("db", SECOND, "readiness")), allProbes())).isEmpty();
	}

	@Test
	void staysSilentWhenTheContainerHasNoLivenessProbe() {
		assertThat(this.rule.evaluate(facts(check("db", SECOND, "liveness")), pod(null, probe(1, 10, 3), null)))
			.isEmpty();
	}

}
