package dev.healthstarter.advisor;

import java.time.Duration;
import java.util.Objects;

import dev.healthstarter.core.HealthGroups;
import org.jspecify.annotations.Nullable;

/**
 * The probes of the application's container and its pod's termination grace period, from the Kubernetes API or
 * from {@code health.advisor.*}. Immutable and thread-safe.
 *
 * @param liveness the liveness probe, or {@code null} when the container has none
 * @param readiness the readiness probe, or {@code null} when the container has none
 * @param startup the startup probe, or {@code null} when the container has none
 * @param terminationGracePeriod how long the kubelet waits after {@code SIGTERM} before {@code SIGKILL}
 * ({@code terminationGracePeriodSeconds})
 */
public record PodProbes(@Nullable ProbeSettings liveness, @Nullable ProbeSettings readiness,
		@Nullable ProbeSettings startup, Duration terminationGracePeriod) {

	/** Kubernetes' default termination grace period, 30 s. */
	public static final Duration DEFAULT_TERMINATION_GRACE_PERIOD = Duration.ofSeconds(30);

	/**
	 * Creates the pod's probes.
	 * @param liveness the liveness probe, or {@code null}
	 * @param readiness the readiness probe, or {@code null}
	 * @param startup the startup probe, or {@code null}
	 * @param terminationGracePeriod the termination grace period
	 */
	public PodProbes {
		Objects.requireNonNull(terminationGracePeriod, "terminationGracePeriod must not be null");
	}

	/**
	 * @param group {@code liveness}, {@code readiness} or {@code startup}
	 * @return the probe of that group, or {@code null} when the container has none
	 */
	public @Nullable ProbeSettings probe(String group) {
		return switch (group) {
			case HealthGroups.LIVENESS -> this.liveness;
			case HealthGroups.READINESS -> this.readiness;
			case HealthGroups.STARTUP -> this.startup;
			default -> null;
		};
	}

}
