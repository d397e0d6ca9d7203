package dev.healthstarter.advisor;

import org.jspecify.annotations.Nullable;

/**
 * Where the advisor learns the pod's probes: the Kubernetes API or {@code health.advisor.*}. Thread-safe; answers at once, without I/O, as the advice is reviewed on the engine's scheduler
 * and served on event-loop threads.
 */
@FunctionalInterface
public interface ProbeSource {

	/**
	 * @return the pod's probes, or {@code null} when they are unknown
	 */
	@Nullable PodProbes probes();

}
