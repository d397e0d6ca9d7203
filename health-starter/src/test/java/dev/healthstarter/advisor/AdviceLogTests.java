package dev.healthstarter.advisor;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.ResultLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class AdviceLogTests {

	private final HealthEngine engine = new HealthEngine(Map.of(),
			(name) -> new CheckSettings(Duration.ofSeconds(1), CheckSettings.DEFAULT_GROUPS, true, true), Duration.ZERO,
			2, ResultLimits.DEFAULTS, new AvailabilityStates(null, Clock.systemUTC()), Clock.systemUTC());

	private final List<Finding> findings = new ArrayList<>();

	private final AdvisorRule rule = new AdvisorRule() {

		@Override
		public String id() {
			return "test-rule";
		}

		@Override
		public List<Finding> evaluate(ApplicationFacts facts, PodProbes probes) {
			return List.copyOf(AdviceLogTests.this.findings);
		}

	};

	private final AdviceLog log = new AdviceLog(new ProbeAdvisor(Advised::facts, () -> null, List.of(this.rule)),
			this.engine);

	@AfterEach
	void close() {
		this.log.close();
		this.engine.close();
	}

	@Test
	void logsAFindingOnceAsAWarningWhenItAppears(CapturedOutput output) {
		this.findings.add(finding("1s"));
		this.log.review();
		this.findings.set(0, finding("2s"));
		this.log.review();
		assertThat(output.getAll().lines().filter((line) -> line.contains("Probe advice"))).singleElement()
			.satisfies((line) -> assertThat(line).contains("WARN")
				.contains("Probe advice: test-rule (readiness), warning: the message [probeTimeout=1s] See "
						+ AdvisorRule.PROBES_PAGE));
	}

	@Test
	void logsWhenAFindingGoes(CapturedOutput output) {
		this.findings.add(finding("1s"));
		this.log.review();
		this.findings.clear();
		this.log.review();
		assertThat(output.getAll().lines().filter((line) -> line.contains("no longer applies"))).singleElement()
			.satisfies((line) -> assertThat(line).contains("WARN").contains("Probe advice no longer applies: test-rule (readiness)"));
	}

	@Test
	void logsNothingWhileNothingIsFound(CapturedOutput output) {
		this.log.review();
		assertThat(output.getAll()).doesNotContain("Probe advice");
	}

	private static Finding finding(String timeout) {
		return new Finding("test-rule", Severity.WARNING, "readiness", "the message", Map.of("probeTimeout", timeout),
				AdvisorRule.PROBES_PAGE);
	}

}
