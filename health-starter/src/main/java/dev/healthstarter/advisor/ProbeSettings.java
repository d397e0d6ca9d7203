package dev.healthstarter.advisor;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one Kubernetes probe that the advisor compares with the application: {@code timeoutSeconds},
 * {@code periodSeconds}, {@code failureThreshold} and {@code initialDelaySeconds} (see the Kubernetes documentation,
 * "Configure Liveness, Readiness and Startup Probes"). Immutable and thread-safe.
 *
 * @param timeout how long the kubelet waits for one answer ({@code timeoutSeconds})
 * @param period how often the kubelet probes ({@code periodSeconds})
 * @param failureThreshold failures in a row before the kubelet acts ({@code failureThreshold})
 * @param initialDelay how long after the container's start the first probe waits ({@code initialDelaySeconds})
 */
public record ProbeSettings(Duration timeout, Duration period, int failureThreshold, Duration initialDelay) {

	/** Kubernetes' defaults: 1 s timeout, 10 s period, 3 failures, no initial delay. */
	public static final ProbeSettings KUBERNETES_DEFAULTS = new ProbeSettings(Duration.ofSeconds(1),
			Duration.ofSeconds(10), 3, Duration.ZERO);

	/**
	 * Creates probe settings.
	 * @param timeout how long the kubelet waits for one answer
	 * @param period how often the kubelet probes
	 * @param failureThreshold failures in a row before the kubelet acts; at least 1
	 * @param initialDelay how long after the container's start the first probe waits
	 * @throws IllegalArgumentException if the threshold is below 1
	 */
	public ProbeSettings {
		Objects.requireNonNull(timeout, "timeout must not be null");
		Objects.requireNonNull(period, "period must not be null");
		Objects.requireNonNull(initialDelay, "initialDelay must not be null");
		if (failureThreshold < 1) {
			throw new IllegalArgumentException("failureThreshold must be at least 1, was " + failureThreshold);
		}
	}

	/**
	 * @return how long the probe fails before the kubelet acts: {@code failureThreshold × periodSeconds}
	 */
	public Duration failureWindow() {
		return this.period.multipliedBy(this.failureThreshold);
	}

	/**
	 * @return how long a container may take to start before this probe restarts it: {@code initialDelaySeconds +
	 * failureThreshold × periodSeconds}
	 */
	public Duration startupBudget() {
		return this.initialDelay.plus(failureWindow());
	}

}
