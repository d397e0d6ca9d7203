package dev.healthstarter.advisor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One piece of probe advice: {@code {"rule":"probe-timeout-below-check","severity":"warning","probe":"readiness",
 * "message":"...","evidence":{"probeTimeout":"1s","slowestCheckTimeout":"1s"},"source":"https://kubernetes.io/..."}}.
 * A finding is the same one while its rule and probe are (its figures may move). Immutable and thread-safe.
 *
 * @param rule the rule's id, such as {@code liveness-checks-dependencies}
 * @param severity how much it matters
 * @param probe the probe it is about: {@code liveness}, {@code readiness} or {@code startup}
 * @param message what is wrong and what to change, one sentence or two
 * @param evidence the figures the rule compared, with their units ({@code "probeTimeout":"1s"}), in the order the
 * message names them
 * @param source the Kubernetes documentation page that describes the setting
 */
public record Finding(String rule, Severity severity, String probe, String message, Map<String, String> evidence,
		String source) {

	/**
	 * Creates a finding.
	 * @param rule the rule's id
	 * @param severity how much it matters
	 * @param probe the probe it is about
	 * @param message what is wrong and what to change
	 * @param evidence the figures the rule compared, with their units (copied, order kept)
	 * @param source the Kubernetes documentation page that describes the setting
	 */
	public Finding {
		Objects.requireNonNull(rule, "rule must not be null");
		Objects.requireNonNull(severity, "severity must not be null");
		Objects.requireNonNull(probe, "probe must not be null");
		Objects.requireNonNull(message, "message must not be null");
		Objects.requireNonNull(source, "source must not be null");
		evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
	}

	/**
	 * @return what stays the same while the finding holds: its rule and probe
	 */
	public String key() {
		return this.rule + " (" + this.probe + ")";
	}

	/**
	 * @return the finding as one log line: {@code probe-timeout-below-check (readiness), warning: <message>
	 * [probeTimeout=1s, slowestCheckTimeout=1s] See https://...}
	 */
	public String logLine() {
		String figures = this.evidence.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining(", ", "[", "]"));
		return key() + ", " + this.severity.value() + ": " + this.message + " " + figures + " See " + this.source;
	}

}
