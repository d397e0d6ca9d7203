package dev.healthstarter.web;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.healthstarter.fleet.Fleet;
import dev.healthstarter.fleet.FleetSnapshot;
import dev.healthstarter.fleet.InstanceState;

/**
 * The fleet's JSON, for {@code GET /health/fleet} and the frames of {@code /health/fleet/$stream}:
 * {@code {"status":"degraded","instances":{"10.1.2.3:8080":{"status":"healthy","checks":{"db":"healthy"},
 * "since":"<ISO-8601>","seen":"<ISO-8601>","self":true}, ...},"checks":{"db":{"healthy":4,"unhealthy":1}},
 * "watched":4,"members":4}} ({@link FleetSnapshot} says what each field means). An unknown instance's status is
 * {@code "unknown"}; {@code seen} is absent until it was heard from; {@code self} only on this instance. The
 * checks, per instance and counted, are left out for callers who see no checks ({@code health.show-components}).
 * Thread-safe.
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
	FleetSnapshot snapshot() {
		return this.fleet.snapshot();
	}

	/**
	 * @return how many instances the membership source lists, this one included
	 */
	int members() {
		return this.fleet.members();
	}

	/**
	 * Calls {@code listener} after any peer's state changed.
	 * @param listener the listener, run on the thread that reported the change
	 */
	void onChange(Runnable listener) {
		this.fleet.addListener(listener);
	}

	/**
	 * @param snapshot the fleet
	 * @param components whether the checks are shown
	 * @return its UTF-8 JSON
	 */
	byte[] json(FleetSnapshot snapshot, boolean components) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", snapshot.status().value());
		Map<String, Object> instances = new LinkedHashMap<>();
		snapshot.instances().forEach((key, instance) -> instances.put(key, instance(instance, components)));
		body.put("instances", instances);
		if (components) {
			body.put("checks", snapshot.checks());
		}
		body.put("watched", snapshot.watched());
		body.put("members", snapshot.members());
		return this.json.bytes(body);
	}

	/**
	 * The states the fleet shows (timestamps left out), for spotting changes.
	 * @param snapshot the fleet
	 * @param components whether the checks' states count
	 * @return a string equal for two snapshots exactly when they show the same states
	 */
	static String signature(FleetSnapshot snapshot, boolean components) {
		StringBuilder text = new StringBuilder(snapshot.status().value()).append('/').append(snapshot.members());
		snapshot.instances().forEach((key, instance) -> {
			text.append('|').append(key).append('=').append(instance.statusValue());
			if (components) {
				instance.checks().forEach((name, state) -> text.append(',').append(name).append(':').append(state));
			}
		});
		return text.toString();
	}

	private static Map<String, Object> instance(InstanceState instance, boolean components) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("status", instance.statusValue());
		if (components) {
			Map<String, String> checks = new LinkedHashMap<>();
			instance.checks().forEach((name, state) -> checks.put(name, state.value()));
			entry.put("checks", checks);
		}
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
