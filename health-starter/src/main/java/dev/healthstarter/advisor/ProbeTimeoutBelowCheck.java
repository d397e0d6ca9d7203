package dev.healthstarter.advisor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.healthstarter.core.Durations;
import dev.healthstarter.core.HealthGroups;
import org.jspecify.annotations.Nullable;

/**
 * {@code probe-timeout-below-check}: a probe's {@code timeoutSeconds} is at or below the timeout, or the measured
 * p99, of a check that the probe waits for (one run on demand; the group's answer waits for its slowest check), so
 * the kubelet counts a failure while the application is still answering, or before a check's own timeout answers.
 */
final class ProbeTimeoutBelowCheck implements AdvisorRule {

	private static final List<String> PROBES = List.of(HealthGroups.STARTUP, HealthGroups.LIVENESS,
			HealthGroups.READINESS);

	@Override
	public String id() {
		return "probe-timeout-below-check";
	}

	@Override
	public List<Finding> evaluate(ApplicationFacts facts, @Nullable PodProbes probes) {
		if (probes == null) {
			return List.of();
		}
		List<Finding> findings = new ArrayList<>();
		for (String group : PROBES) {
			ProbeSettings probe = probes.probe(group);
			CheckFacts slowest = facts.members(group)
				.stream()
				.filter(CheckFacts::onDemand)
				.max(Comparator.comparing(CheckFacts::worstWait))
				.orElse(null);
			if (probe != null && slowest != null && probe.timeout().compareTo(slowest.worstWait()) <= 0) {
				findings.add(finding(group, probe, slowest));
			}
		}
		return findings;
	}

	private Finding finding(String group, ProbeSettings probe, CheckFacts slowest) {
		Map<String, String> evidence = new LinkedHashMap<>();
		evidence.put("probeTimeout", Durations.format(probe.timeout()));
		evidence.put("slowestCheckTimeout", Durations.format(slowest.timeout()));
		if (slowest.p99() != null) {
			evidence.put("slowestCheckP99", Durations.format(slowest.p99()));
		}
		return new Finding(id(), Severity.WARNING, group, "The " + group + " probe's timeoutSeconds ("
				+ Durations.format(probe.timeout()) + ") is at or below what its check '" + slowest.name()
				+ "' may take (" + Durations.format(slowest.worstWait()) + "): the kubelet counts a failure while the "
				+ "application is still answering; raise timeoutSeconds above it or lower health.checks."
				+ slowest.name() + ".timeout.", evidence, PROBES_PAGE + "#configure-probes");
	}

}
