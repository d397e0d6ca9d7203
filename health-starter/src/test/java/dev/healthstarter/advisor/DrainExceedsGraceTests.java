package dev.healthstarter.advisor;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static dev.healthstarter.advisor.Advised.probe;
import static org.assertj.core.api.Assertions.assertThat;

class DrainExceedsGraceTests {

	private final DrainExceedsGrace rule = new DrainExceedsGrace();

	private final ApplicationFacts facts = new ApplicationFacts(List.of(), null, Duration.ofSeconds(10),
			Duration.ofSeconds(30));

	@Test
	void firesWhenDrainReadinessWindowAndShutdownExceedTheGracePeriod() {
		PodProbes pod = new PodProbes(null, probe(1, 5, 2), null, Duration.ofSeconds(45));
		assertThat(this.rule.evaluate(this.facts, pod)).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("drain-exceeds-grace");
			assertThat(finding.probe()).isEqualTo("readiness");
			assertThat(finding.message()).contains("50s").contains("45s");
			assertThat(finding.evidence()).containsEntry("drainDelay", "10s")
				.containsEntry("readinessFailureWindow", "10s")
				.containsEntry("shutdownPhaseTimeout", "30s")
				.containsEntry("terminationGracePeriod", "45s");
		});
	}

	@Test
	void staysSilentWhenTheGracePeriodCoversThemAll() {
		PodProbes pod = new PodProbes(null, probe(1, 5, 2), null, Duration.ofSeconds(50));
		assertThat(this.rule.evaluate(this.facts, pod)).isEmpty();
	}

	@Test
	void staysSilentWithoutKnownProbes() {
		assertThat(this.rule.evaluate(this.facts, null)).isEmpty();
	}

}
