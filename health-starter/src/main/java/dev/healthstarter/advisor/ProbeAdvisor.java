package dev.healthstarter.advisor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The probe advisor: every rule against the application's facts and the pod's probes, as {@code GET
 * {base}/advice} answers and {@link AdviceLog} logs. The rules that need the probes stay silent while they are unknown.
 * Never runs a check. Thread-safe.
 */
public final class ProbeAdvisor {

	/** The rules, in the order their findings are listed. */
	public static final List<AdvisorRule> RULES = List.of(new LivenessChecksDependencies(),
			new LivenessEqualsReadiness(), new ProbeTimeoutBelowCheck(), new StartupBudgetBelowStartupTime(),
			new NoStartupProbe(), new DrainExceedsGrace());

	private final Supplier<ApplicationFacts> facts;

	private final ProbeSource probes;

	private final List<AdvisorRule> rules;

	/**
	 * An advisor with every rule.
	 * @param facts the application's facts as they are now
	 * @param probes the pod's probes
	 */
	public ProbeAdvisor(Supplier<ApplicationFacts> facts, ProbeSource probes) {
		this(facts, probes, RULES);
	}

	/**
	 * @param facts the application's facts as they are now
	 * @param probes the pod's probes
	 * @param rules the rules
	 */
	public ProbeAdvisor(Supplier<ApplicationFacts> facts, ProbeSource probes, List<AdvisorRule> rules) {
		this.facts = facts;
		this.probes = probes;
		this.rules = List.copyOf(rules);
	}

	/**
	 * @return the findings now, by rule
	 */
	public List<Finding> advice() {
		ApplicationFacts now = this.facts.get();
		PodProbes pod = this.probes.probes();
		List<Finding> findings = new ArrayList<>();
		for (AdvisorRule rule : this.rules) {
			findings.addAll(rule.evaluate(now, pod));
		}
		return findings;
	}

}
