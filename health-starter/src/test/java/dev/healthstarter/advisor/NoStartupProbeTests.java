package dev.healthstarter.advisor;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static dev.healthstarter.advisor.Advised.pod;
import static dev.healthstarter.advisor.Advised.probe;
import static dev.healthstarter.advisor.Advised.startedIn;
import static org.assertj.core.api.Assertions.assertThat;

class NoStartupProbeTests {

	private final NoStartupProbe rule = new NoStartupProbe();

	@Test
	void firesWhenASlowStartUpHasNoStartupProbe() {
		assertThat(this.rule.evaluate(startedIn(Duration.ofMillis(12500)), pod(probe(1, 10, 6), null, null)))
			.singleElement()
			.satisfies((finding) -> {
				assertThat(finding.rule()).isEqualTo("no-startup-probe");
				assertThat(finding.probe()).isEqualTo("startup");
				assertThat(finding.evidence()).containsExactly(Map.entry("startupTime", "12.5s"),
					Map.entry("slowStartup", "10s"));
			});
	}

	@Test
	void staysSilentWithAStartupProbe() {
		assertThat(this.rule.evaluate(startedIn(Duration.ofSeconds(40)), pod(null, null, probe(1, 5, 60)))).isEmpty();
	}

	@Test
	void staysSilentForAQuickStartUp() {
		assertThat(this.rule.evaluate(startedIn(Duration.ofSeconds(10)), pod(probe(1, 10, 3), null, null))).isEmpty();
	}

	@Test
	void staysSilentWithoutKnownProbes() {
		assertThat(this.rule.evaluate(startedIn(Duration.ofSeconds(40)), null)).isEmpty();
	}

}
