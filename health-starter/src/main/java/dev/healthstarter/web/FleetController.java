package dev.healthstarter.web;


import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health/fleet}: every instance of the fleet seen from this one, as {@link FleetBodies} writes it
 * (its stream, {@code /health/fleet/$stream}, is served with the other streams by each stack's health controller).
 * Always 200, with {@code Cache-Control: no-store}: the fleet's state is information for people and dashboards, not
 * a probe.
 * The instances (by key, {@code host:port}) and the checks are shown to the callers who see checks in
 * {@code GET /health} ({@code health.show-components}); other callers get the fleet's status and its instances counted
 * by state, never an instance's key or address. Created by the fleet's auto-configuration, never by component scanning.
 * Thread-safe.
 */
@RestController
@RequestMapping("${health.base-path:/health}")
public class FleetController {

	private final FleetBodies bodies;

	private final Visibility visibility;

	/**
	 * @param bodies the fleet's JSON
	 * @param visibility who sees the checks
	 */
	public FleetController(FleetBodies bodies, Visibility visibility) {
		this.bodies = bodies;
		this.visibility = visibility;
	}

	/**
	 * @param caller who asks
	 * @return the fleet as JSON
	 */
	@GetMapping("/fleet")
	public ResponseEntity<byte[]> fleet(HealthCaller caller) {
		boolean components = this.visibility.shown(caller.principal(), caller.hasRole()).components();
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.bodies.json(this.bodies.snapshot(), components));
	}

}
