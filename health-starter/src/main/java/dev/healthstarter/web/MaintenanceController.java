package dev.healthstarter.web;

import dev.healthstarter.HealthMaintenance;
import dev.healthstarter.core.MaintenanceMode;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The maintenance switch, on Spring MVC and WebFlux alike: {@code PUT /health/maintenance} with the JSON body
 * {@code {"reason":"..."}} enters maintenance (or changes its reason, keeping {@code since}), {@code DELETE} leaves
 * it; both answer 200 with {@code {"maintenance":{"reason":"...","since":"..."}}} ({@code null} once left) and
 * {@code Cache-Control: no-store}. A reason that is missing, blank, over 200 characters or holds a control
 * character is a 400 problem naming {@code reason}.
 * <p>
 * Who may switch: with Spring Security, the application's own chain sees these requests (the starter's chain only
 * opens {@code GET} and {@code HEAD}), so its authentication and CSRF rules apply, and this controller then
 * requires an authenticated caller (401) with one of {@code health.roles} (403; any role when none is set). Without
 * Spring Security it is created only where the endpoints have a port of their own ({@code health.server.port}, or
 * the management port), which a Kubernetes Service need not expose. Created by the maintenance auto-configuration,
 * never by component scanning. Thread-safe.
 */
@RestController
@RequestMapping("${health.base-path:/health}")
public class MaintenanceController {

	private static final String PARAMETER = "reason";

	private final MaintenanceMode maintenance;

	private final @Nullable Visibility authorization;

	private final HealthJson json;

	/**
	 * @param maintenance the instance's maintenance mode
	 * @param authorization who may switch it (its {@link Visibility#authorized roles}), or {@code null} when the port
	 * alone decides (no Spring Security)
	 * @param json the starter's JSON reader and writer
	 */
	public MaintenanceController(MaintenanceMode maintenance, @Nullable Visibility authorization, HealthJson json) {
		this.maintenance = maintenance;
		this.authorization = authorization;
		this.json = json;
	}

	/**
	 * {@code PUT /health/maintenance}.
	 * @param caller who asks
	 * @param body {@code {"reason":"..."}}
	 * @return the maintenance now, 200
	 * @throws ErrorResponseException 401, 403, or 400 for a bad reason
	 */
	@PutMapping("/maintenance")
	public ResponseEntity<byte[]> enter(HealthCaller caller, @RequestBody(required = false) byte @Nullable [] body) {
		authorize(caller);
		try {
			return answer(this.maintenance.enter(reason(body)));
		}
		catch (IllegalArgumentException ex) {
			throw HealthProblems.invalidParameter(PARAMETER, ex.getMessage());
		}
	}

	/**
	 * {@code DELETE /health/maintenance}; leaving when not in maintenance is no error.
	 * @param caller who asks
	 * @return {@code {"maintenance":null}}, 200
	 * @throws ErrorResponseException 401 or 403
	 */
	@DeleteMapping("/maintenance")
	public ResponseEntity<byte[]> exit(HealthCaller caller) {
		authorize(caller);
		this.maintenance.exit();
		return answer(null);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> problem(ErrorResponseException ex) {
		return HealthEndpointSupport.problem(ex);
	}

	private void authorize(HealthCaller caller) {
		if (this.authorization == null) {
			return;
		}
		if (caller.principal() == null) {
			throw HealthProblems.unauthenticated("Switching maintenance needs an authenticated caller");
		}
		if (!this.authorization.authorized(caller.principal(), caller.hasRole())) {
			throw HealthProblems.forbidden("Switching maintenance needs one of the roles " + this.authorization.roles()
					+ " (health.roles)");
		}
	}

	private String reason(byte @Nullable [] body) {
		if (body == null || body.length == 0) {
			throw HealthProblems.invalidParameter(PARAMETER,
					"The body must be JSON with a reason: {\"reason\":\"...\"}");
		}
		JsonNode reason;
		try {
			reason = this.json.tree(body).path(PARAMETER);
		}
		catch (JacksonException ex) {
			throw HealthProblems.invalidParameter(PARAMETER, "The body is not JSON; send {\"reason\":\"...\"}");
		}
		if (!reason.isString()) {
			throw HealthProblems.invalidParameter(PARAMETER, "reason is required, as a string: {\"reason\":\"...\"}");
		}
		return reason.asString();
	}

	private ResponseEntity<byte[]> answer(@Nullable HealthMaintenance now) {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.json.bytes(new MaintenanceBody((now != null) ? HealthResponse.MaintenanceResponse.of(now) : null)));
	}

	/**
	 * The maintenance switch's answer.
	 *
	 * @param maintenance the maintenance now, or {@code null} when the instance is not in maintenance
	 */
	public record MaintenanceBody(HealthResponse.@Nullable MaintenanceResponse maintenance) {
	}

}
