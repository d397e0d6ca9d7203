package dev.healthstarter.autoconfigure;

import java.time.Duration;

import dev.healthstarter.advisor.PodProbes;
import dev.healthstarter.advisor.ProbeSettings;
import dev.healthstarter.advisor.ProbeSource;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The pod's probes from {@code health.advisor.*}: unknown when no key is set; a probe with none of its keys set is
 * absent, one with some takes Kubernetes' defaults for the others. Read once, when created. Thread-safe.
 */
final class AutoConfiguredProbeSource implements ProbeSource {

	private static final String PREFIX = "health.advisor.";

	private final @Nullable PodProbes probes;

	/**
	 * @param properties the bound properties
	 * @throws InvalidConfigurationPropertyValueException for a failure threshold below 1 or a negative or zero timeout
	 * or period
	 */
	AutoConfiguredProbeSource(HealthAdvisorProperties properties) {
		HealthAdvisorProperties.Probes probes = properties.getProbes();
		ProbeSettings liveness = probe("liveness", probes.getLiveness());
		ProbeSettings readiness = probe("readiness", probes.getReadiness());
		ProbeSettings startup = probe("startup", probes.getStartup());
		Duration grace = properties.getTerminationGracePeriod();
		boolean known = liveness != null || readiness != null || startup != null || grace != null;
		this.probes = known ? new PodProbes(liveness, readiness, startup,
				(grace != null) ? grace : PodProbes.DEFAULT_TERMINATION_GRACE_PERIOD) : null;
	}

	@Override
	public @Nullable PodProbes probes() {
		return this.probes;
	}

	private static @Nullable ProbeSettings probe(String name, HealthAdvisorProperties.Probe probe) {
		if (probe.getTimeout() == null && probe.getPeriod() == null && probe.getFailureThreshold() == null
				&& probe.getInitialDelay() == null) {
			return null;
		}
		String prefix = PREFIX + "probes." + name + ".";
		ProbeSettings defaults = ProbeSettings.KUBERNETES_DEFAULTS;
		Integer failureThreshold = probe.getFailureThreshold();
		if (failureThreshold != null && failureThreshold < 1) {
			throw new InvalidConfigurationPropertyValueException(prefix + "failure-threshold", failureThreshold,
					"must be at least 1");
		}
		return new ProbeSettings(positive(prefix + "timeout", probe.getTimeout(), defaults.timeout()),
				positive(prefix + "period", probe.getPeriod(), defaults.period()),
				(failureThreshold != null) ? failureThreshold : defaults.failureThreshold(),
				(probe.getInitialDelay() != null) ? probe.getInitialDelay() : defaults.initialDelay());
	}

	private static Duration positive(String name, @Nullable Duration value, Duration fallback) {
		if (value == null) {
			return fallback;
		}
		if (value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(name, value, "must be positive");
		}
		return value;
	}

}
