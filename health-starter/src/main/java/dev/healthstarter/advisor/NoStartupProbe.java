package dev.healthstarter.advisor;

import java.time.Duration;
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
		return List.of(new Finding(id(), Severity.WARNING, HealthGroups.STARTUP, "The application took "
				+ Durations.format(startupTime) + " to be ready and its container has no startup probe: liveness must"
				+ " then allow for a whole start-up, and is as slow to notice a hung process; add a startupProbe on"
				+ " /health/startup.", Map.of("startupTime", Durations.format(startupTime), "slowStartup",
						Durations.format(SLOW_STARTUP)), PROBES_PAGE + "#define-startup-probes"));
	}

}
