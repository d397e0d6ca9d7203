package dev.healthstarter.web;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.healthstarter.fleet.Fleet;
import dev.healthstarter.fleet.FleetSnapshot;
import dev.healthstarter.fleet.InstanceState;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health/fleet}: every instance of the fleet seen from this one, as
 * {@code {"status":"degraded","instances":{"10.1.2.3:8080":{"status":"healthy","checks":{"db":"healthy"},
 * "since":"<ISO-8601>","seen":"<ISO-8601>","self":true}, ...},"checks":{"db":{"healthy":4,"unhealthy":1}},
 * "watched":4,"members":4}} ({@link FleetSnapshot} says what each field means; an unknown instance's status is
 * {@code "unknown"} and it has no {@code seen} until it was heard from). Always 200, with
 * {@code Cache-Control: no-store}: the fleet's state is information for people and dashboards, not a probe.
 * The checks (per instance and counted) are shown to the callers who see checks in {@code GET /health}
 * ({@code health.show-components}). Created by the fleet's auto-configuration, never by component scanning.
 * Thread-safe.
 */
@RestController
@RequestMapping("${health.base-path:/health}")
public class FleetController {

	private final Fleet fleet;

	private final Visibility visibility;

	private final HealthJson json;

	/**
	 * @param fleet the fleet
	 * @param visibility who sees the checks
	 * @param json writes the body
	 */
	public FleetController(Fleet fleet, Visibility visibility, HealthJson json) {
		this.fleet = fleet;
		this.visibility = visibility;
		this.json = json;
	}

	/**
	 * @param request the caller
	 * @return the fleet as JSON
	 */
	@GetMapping("/fleet")
	public ResponseEntity<byte[]> fleet(HttpServletRequest request) {
		boolean components = this.visibility.shown(request).components();
		FleetSnapshot snapshot = this.fleet.snapshot();
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
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.json.bytes(body));
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
