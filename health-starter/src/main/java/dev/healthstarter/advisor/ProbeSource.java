package dev.healthstarter.advisor;

import org.jspecify.annotations.Nullable;

/**
 * Where the advisor learns the pod's probes: the Kubernetes API or {@code health.advisor.*}. Thread-safe; answers quickly once it has answered once, as the advice is reviewed on the
 * engine's scheduler.
 */
@FunctionalInterface
public interface ProbeSource {

	/**
	 * @return the pod's probes, or {@code null} when they are unknown
	 */
	@Nullable PodProbes probes();

}
