package dev.healthstarter.advisor;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One rule of the probe advisor: compares the application's facts with its pod's probes. Stateless and thread-safe.
 */
public interface AdvisorRule {

	/** The Kubernetes page that explains the probes' settings. */
	String PROBES_PAGE = "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/";

	/** The Kubernetes page on what each probe is for. */
	String PROBE_CONCEPTS_PAGE = "https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/";

	/** The Kubernetes page on how a pod terminates. */
	String TERMINATION_PAGE = "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination";

	/**
	 * @return the rule's id, such as {@code liveness-checks-dependencies}
	 */
	String id();

	/**
	 * @param facts what the application measured
	 * @param probes its pod's probes, or {@code null} when they are unknown (the rules that need them stay silent)
	 * @return the findings, empty when the rule holds
	 */
	List<Finding> evaluate(ApplicationFacts facts, @Nullable PodProbes probes);

}
