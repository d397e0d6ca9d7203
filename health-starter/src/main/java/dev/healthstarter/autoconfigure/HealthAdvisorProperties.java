package dev.healthstarter.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Settings of the probe advisor ({@code health.advisor.*}): the pod's probes as the container's spec has them, for
 * when the Kubernetes API cannot tell them. A probe with none of its keys set is taken as absent; a probe with some
 * takes Kubernetes' defaults for the others. Durations without a unit are seconds, as in the pod's spec.
 */
@ConfigurationProperties("health.advisor")
public class HealthAdvisorProperties {

	/**
	 * Whether to compare the probes with what the application measured, at GET {base-path}/advice and in log lines.
	 */
	private boolean enabled = true;

	/**
	 * Probes of the application's container, when the Kubernetes API cannot tell them.
	 */
	private final Probes probes = new Probes();

	/**
	 * Pod's terminationGracePeriodSeconds, when the Kubernetes API cannot tell it; Kubernetes' 30 seconds when unset
	 * and a probe is set.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration terminationGracePeriod;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Probes getProbes() {
		return this.probes;
	}

	public @Nullable Duration getTerminationGracePeriod() {
		return this.terminationGracePeriod;
	}

	public void setTerminationGracePeriod(@Nullable Duration terminationGracePeriod) {
		this.terminationGracePeriod = terminationGracePeriod;
	}

	/** The three probes of the container. */
	public static class Probes {

		/**
		 * Container's livenessProbe.
		 */
		private final Probe liveness = new Probe();

		/**
		 * Container's readinessProbe.
		 */
		private final Probe readiness = new Probe();

		/**
		 * Container's startupProbe.
		 */
		private final Probe startup = new Probe();

		public Probe getLiveness() {
			return this.liveness;
		}

		public Probe getReadiness() {
			return this.readiness;
		}

		public Probe getStartup() {
			return this.startup;
		}

	}

	/** One probe, as the container's spec has it. */
	public static class Probe {

		/**
		 * Probe's timeoutSeconds: how long the kubelet waits for an answer.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration timeout;

		/**
		 * Probe's periodSeconds: how often the kubelet probes.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration period;

		/**
		 * Probe's failureThreshold: failures in a row before the kubelet acts.
		 */
		private @Nullable Integer failureThreshold;

		/**
		 * Probe's initialDelaySeconds: how long after the container's start the first probe waits.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration initialDelay;

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable Duration getPeriod() {
			return this.period;
		}

		public void setPeriod(@Nullable Duration period) {
			this.period = period;
		}

		public @Nullable Integer getFailureThreshold() {
			return this.failureThreshold;
		}

		public void setFailureThreshold(@Nullable Integer failureThreshold) {
			this.failureThreshold = failureThreshold;
		}

		public @Nullable Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(@Nullable Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

	}

}
