package dev.healthstarter.advisor;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.healthstarter.core.Durations;
import dev.healthstarter.core.HealthGroups;
import org.jspecify.annotations.Nullable;

/**
 * {@code drain-exceeds-grace}: {@code health.shutdown.drain-delay}, readiness's failure window
 * ({@code failureThreshold × periodSeconds}) and Spring's {@code spring.lifecycle.timeout-per-shutdown-phase} add up
 * to more than the pod's {@code terminationGracePeriodSeconds}, so the kubelet may kill the process while it still
 * serves requests.
 */
final class DrainExceedsGrace implements AdvisorRule {

	@Override
	public String id() {
		return "drain-exceeds-grace";
	}

	@Override
	public List<Finding> evaluate(ApplicationFacts facts, @Nullable PodProbes probes) {
		if (probes == null) {
			return List.of();
		}
		ProbeSettings readiness = probes.readiness();
		Duration window = (readiness != null) ? readiness.failureWindow() : Duration.ZERO;
		Duration needed = facts.drainDelay().plus(window).plus(facts.shutdownPhaseTimeout());
		if (needed.compareTo(probes.terminationGracePeriod()) <= 0) {
			return List.of();
		}
		Map<String, String> evidence = new LinkedHashMap<>();
		evidence.put("drainDelay", Durations.format(facts.drainDelay()));
		evidence.put("readinessFailureWindow", Durations.format(window));
		evidence.put("shutdownPhaseTimeout", Durations.format(facts.shutdownPhaseTimeout()));
		evidence.put("terminationGracePeriod", Durations.format(probes.terminationGracePeriod()));
		return List.of(new Finding(id(), Severity.WARNING, HealthGroups.READINESS, "Draining and shutting down may take "
				+ Durations.format(needed) + " (health.shutdown.drain-delay + readiness failureThreshold × periodSeconds"
				+ " + spring.lifecycle.timeout-per-shutdown-phase), more than terminationGracePeriodSeconds ("
				+ Durations.format(probes.terminationGracePeriod()) + "): the kubelet may kill the process while it"
				+ " still serves requests; raise terminationGracePeriodSeconds to at least "
				+ Durations.format(needed) + ".", evidence, TERMINATION_PAGE));
	}

}
