package dev.healthstarter.advisor;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.healthstarter.core.HealthGroups;
import org.jspecify.annotations.Nullable;

/**
 * {@code liveness-equals-readiness}: liveness and readiness have the same checks, so whatever should only take a pod
 * out of rotation restarts it too.
 */
final class LivenessEqualsReadiness implements AdvisorRule {

	@Override
	public String id() {
		return "liveness-equals-readiness";
	}

	@Override
	public List<Finding> evaluate(ApplicationFacts facts, @Nullable PodProbes probes) {
		Set<String> liveness = facts.memberNames(HealthGroups.LIVENESS);
		if (liveness.isEmpty() || !liveness.equals(facts.memberNames(HealthGroups.READINESS))
				|| (probes != null && (probes.liveness() == null || probes.readiness() == null))) {
			return List.of();
		}
		return List.of(new Finding(id(), Severity.WARNING, HealthGroups.LIVENESS, "Liveness and readiness check the same "
				+ liveness + ": a failure that should take the pod out of rotation restarts it as well; liveness should"
				+ " fail only when a restart cures it.", Map.of("sharedChecks", String.valueOf(liveness.size())),
				PROBE_CONCEPTS_PAGE));
	}

}
