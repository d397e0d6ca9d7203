package dev.healthstarter.advisor;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.healthstarter.core.Durations;
import dev.healthstarter.core.HealthGroups;
import org.jspecify.annotations.Nullable;

/**
 * {@code startup-budget-below-startup-time}: the measured start-up time (JVM start to ready) exceeds what the startup
 * probe allows ({@code initialDelaySeconds + failureThreshold × periodSeconds}), or, without a startup probe, what
 * the liveness probe allows: the kubelet restarts the container before it is ready, in a loop.
 */
final class StartupBudgetBelowStartupTime implements AdvisorRule {

	@Override
	public String id() {
		return "startup-budget-below-startup-time";
	}

	@Override
	public List<Finding> evaluate(ApplicationFacts facts, @Nullable PodProbes probes) {
		Duration startupTime = facts.startupTime();
		if (probes == null || startupTime == null) {
			return List.of();
		}
		String group = (probes.startup() != null) ? HealthGroups.STARTUP : HealthGroups.LIVENESS;
		ProbeSettings probe = probes.probe(group);
		if (probe == null || startupTime.compareTo(probe.startupBudget()) <= 0) {
			return List.of();
		}
		Map<String, String> evidence = new LinkedHashMap<>();
		evidence.put("startupTime", Durations.format(startupTime));
		evidence.put("startupBudget", Durations.format(probe.startupBudget()));
		evidence.put("initialDelay", Durations.format(probe.initialDelay()));
		evidence.put("failureThreshold", String.valueOf(probe.failureThreshold()));
		evidence.put("period", Durations.format(probe.period()));
		return List.of(new Finding(id(), Severity.CRITICAL, group, "The application took "
				+ Durations.format(startupTime) + " to be ready, longer than the " + group + " probe allows ("
				+ Durations.format(probe.startupBudget()) + " = initialDelaySeconds + failureThreshold × periodSeconds):"
				+ " the kubelet restarts it before it is ready; raise the " + group + " probe's failureThreshold.",
				evidence, PROBES_PAGE + "#define-startup-probes"));
	}

}
