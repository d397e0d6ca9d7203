package dev.healthstarter.web;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.healthstarter.fleet.Fleet;
import dev.healthstarter.fleet.FleetSnapshot;
import dev.healthstarter.fleet.InstanceState;

/**
 * The fleet's JSON, for {@code GET /health/fleet} and the frames of {@code /health/fleet/$stream}:
 * {@code {"status":"degraded","healthy":4,"degraded":0,"unhealthy":1,"unknown":0,"maintenance":0,
 * "instances":{"10.1.2.3:8080":{"status":"healthy","checks":{"db":"healthy"},"since":"<ISO-8601>",
 * "seen":"<ISO-8601>","self":true}, ...},"checks":{"db":{"healthy":4,"unhealthy":1}},"watched":4,"members":5}}
 * ({@link FleetSnapshot} says what each field means): the instances counted by state (this one included), each
 * instance by its key, the checks counted by state. An unknown instance's status is {@code "unknown"}, one in
 * maintenance {@code "maintenance"} (left out of the checks' counts); {@code seen} is
 * absent until it was heard from; {@code self} only on this instance. Callers who see no checks
 * ({@code health.show-components}) get the status and the counts only, {@code status}, the five states,
 * {@code watched} and {@code members}: no instance's key or address, no check's name. Thread-safe.
 */
public final class FleetBodies {

	private final Fleet fleet;

	private final HealthJson json;

	/**
	 * @param fleet the fleet
	 * @param json writes the bodies
	 */
	public FleetBodies(Fleet fleet, HealthJson json) {
		this.fleet = fleet;
		this.json = json;
	}

	/**
	 * @return the fleet now
	 */
	public FleetSnapshot snapshot() {
		return this.fleet.snapshot();
	}

	/**
	 * @return how many instances the membership source lists, this one included
	 */
	public int members() {
		return this.fleet.members();
	}

	/**
	 * Calls {@code listener} after any peer's state changed.
	 * @param listener the listener, run on the thread that reported the change
	 */
	public void onChange(Runnable listener) {
		this.fleet.addListener(listener);
	}

	/**
	 * @param snapshot the fleet
	 * @param components whether the checks are shown
	 * @return its UTF-8 JSON
	 */
	public byte[] json(FleetSnapshot snapshot, boolean components) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", snapshot.status().value());
		body.putAll(snapshot.counts());
		if (components) {
			Map<String, Object> instances = new LinkedHashMap<>();
			snapshot.instances().forEach((key, instance) -> instances.put(key, instance(instance)));
			body.put("instances", instances);
			body.put("checks", snapshot.checks());
		}
		body.put("watched", snapshot.watched());
		body.put("members", snapshot.members());
		return this.json.bytes(body);
	}

	/**
	 * The states the fleet shows (timestamps left out), for spotting changes.
	 * @param snapshot the fleet
	 * @param components whether the instances and their checks' states are shown
	 * @return a string equal for two snapshots exactly when they show the same states
	 */
	public static String signature(FleetSnapshot snapshot, boolean components) {
		StringBuilder text = new StringBuilder(snapshot.status().value()).append('/')
			.append(snapshot.watched())
			.append('/')
			.append(snapshot.members())
			.append(snapshot.counts());
		if (components) {
			snapshot.instances().forEach((key, instance) -> {
				text.append('|').append(key).append('=').append(instance.statusValue());
				instance.checks().forEach((name, state) -> text.append(',').append(name).append(':').append(state));
			});
		}
		return text.toString();
	}

	private static Map<String, Object> instance(InstanceState instance) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("status", instance.statusValue());
		Map<String, String> checks = new LinkedHashMap<>();
		instance.checks().forEach((name, state) -> checks.put(name, state.value()));
		entry.put("checks", checks);
		entry.put("since", instance.since().toString());
		if (instance.seen() != null) {
			entry.put("seen", instance.seen().toString());
		}
		if (instance.self()) {
			entry.put("self", true);
		}
		return entry;
	}

}
