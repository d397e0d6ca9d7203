package dev.healthstarter.advisor;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static dev.healthstarter.advisor.Advised.SECOND;
import static dev.healthstarter.advisor.Advised.check;
import static dev.healthstarter.advisor.Advised.facts;
import static dev.healthstarter.advisor.Advised.pod;
import static dev.healthstarter.advisor.Advised.probe;
import static org.assertj.core.api.Assertions.assertThat;

class ProbeTimeoutBelowCheckTests {

	private final ProbeTimeoutBelowCheck rule = new ProbeTimeoutBelowCheck();

	@Test
	void firesWhenTheProbesTimeoutEqualsTheSlowestChecksTimeout() {
		ApplicationFacts facts = facts(check("db", Duration.ofMillis(500), "readiness"),
				check("featureStore", Duration.ofSeconds(3), "readiness"));
		assertThat(this.rule.evaluate(facts, pod(null, probe(3, 10, 3), null))).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("probe-timeout-below-check");
			assertThat(finding.probe()).isEqualTo("readiness");
			assertThat(finding.message()).contains("'featureStore'").contains("health.checks.featureStore.timeout");
			assertThat(finding.evidence()).containsExactly(Map.entry("probeTimeout", "3s"),
					Map.entry("slowestCheckTimeout", "3s"));
		});
	}

	@Test
	void firesWhenTheMeasuredP99ExceedsTheProbesTimeout() {
		ApplicationFacts facts = facts(new CheckFacts("db", Set.of("liveness"), SECOND, true, Duration.ofMillis(2500)));
		assertThat(this.rule.evaluate(facts, pod(probe(2, 10, 3), null, null))).singleElement()
			.satisfies((finding) -> assertThat(finding.evidence()).containsEntry("slowestCheckP99", "2.5s"));
	}

	@Test
	void staysSilentWhenTheProbeWaitsLongerThanEveryCheck() {
		ApplicationFacts facts = facts(new CheckFacts("db", Set.of("readiness"), SECOND, true, Duration.ofMillis(40)));
		assertThat(this.rule.evaluate(facts, pod(probe(1, 10, 3), probe(2, 5, 2), probe(1, 5, 60)))).isEmpty();
	}

	@Test
	void staysSilentForChecksRunInTheBackground() {
		ApplicationFacts facts = facts(new CheckFacts("db", Set.of("readiness"), Duration.ofSeconds(5), false, null));
		assertThat(this.rule.evaluate(facts, pod(null, probe(1, 10, 3), null))).isEmpty();
	}

	@Test
	void staysSilentWithoutKnownProbes() {
		assertThat(this.rule.evaluate(facts(check("db", Duration.ofSeconds(5), "readiness")), null)).isEmpty();
	}

}
