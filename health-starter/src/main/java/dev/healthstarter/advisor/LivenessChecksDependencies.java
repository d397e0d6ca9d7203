package dev.healthstarter.advisor;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.healthstarter.core.HealthGroups;
import org.jspecify.annotations.Nullable;

/**
 * {@code liveness-checks-dependencies}: the liveness group holds a check besides Spring's liveness state, so an
 * outage of what that check calls restarts every pod at once, which a restart does not cure.
 */
final class LivenessChecksDependencies implements AdvisorRule {

	@Override
	public String id() {
		return "liveness-checks-dependencies";
	}

	@Override
	public List<Finding> evaluate(ApplicationFacts facts, @Nullable PodProbes probes) {
		Set<String> checks = facts.memberNames(HealthGroups.LIVENESS);
		if (checks.isEmpty() || (probes != null && probes.liveness() == null)) {
			return List.of();
		}
		return List.of(new Finding(id(), Severity.WARNING, HealthGroups.LIVENESS, "The liveness group checks " + checks
				+ " besides Spring's liveness state: when what they call fails, every pod restarts at once and a restart"
				+ " does not cure it; move them to readiness (health.checks.<name>.groups).",
				Map.of("livenessChecks", String.valueOf(checks.size())), PROBE_CONCEPTS_PAGE));
	}

}
