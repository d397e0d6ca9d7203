package dev.healthstarter.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.healthstarter.HealthState;

/**
 * The aggregated state of a group at one moment: the worst contribution of its checks ({@code healthy} when it
 * has none) and each check's outcome, checks sorted by name and availability entries last. Immutable and
 * thread-safe.
 *
 * @param status the aggregated state
 * @param checks outcome per check name
 */
public record HealthSnapshot(HealthState status, Map<String, CheckOutcome> checks) {

	public HealthSnapshot {
		Objects.requireNonNull(status, "status must not be null");
		checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
	}

}
