package dev.healthstarter.advisor;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.healthstarter.core.Durations;
import dev.healthstarter.core.HealthGroups;
import org.jspecify.annotations.Nullable;

/**
 * {@code no-startup-probe}: the application takes more than 10 s to be ready and its container has no startup probe,
 * so liveness must be slow enough for a start-up and is then slow to notice a hung process.
 */
final class NoStartupProbe implements AdvisorRule {

	/** Start-up times above this want a startup probe. */
	static final Duration SLOW_STARTUP = Duration.ofSeconds(10);

	@Override
	public String id() {
		return "no-startup-probe";
	}

	@Override
	public List<Finding> evaluate(ApplicationFacts facts, @Nullable PodProbes probes) {
		Duration startupTime = facts.startupTime();
		if (probes == null || probes.startup() != null || startupTime == null
				|| startupTime.compareTo(SLOW_STARTUP) <= 0) {
			return List.of();
		}
		Map<String, String> evidence = new LinkedHashMap<>();
		evidence.put("startupTime", Durations.format(startupTime));
		evidence.put("slowStartup", Durations.format(SLOW_STARTUP));
		return List.of(new Finding(id(), Severity.WARNING, HealthGroups.STARTUP, "The application took "
				+ Durations.format(startupTime) + " to be ready and its container has no startup probe: liveness must"
				+ " then allow for a whole start-up, and is as slow to notice a hung process; add a startupProbe on"
				+ " /health/startup.", evidence, PROBES_PAGE + "#define-startup-probes"));
	}

}
