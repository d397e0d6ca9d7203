package dev.healthstarter.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.healthstarter.HealthMaintenance;
import dev.healthstarter.core.CheckOutcome;
import dev.healthstarter.core.HealthSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * JSON body of {@code GET /health} and of each stream frame:
 * {@code {"status":"degraded","checks":{"redis":{"state":"degraded","message":"...","durationMs":3,
 * "checkedAt":"2026-01-01T00:00:00Z","since":"2026-01-01T00:00:00Z"}}}}. {@code checks} is present ({@code {}}
 * when empty) unless {@code health.show-components} hides it from the caller; {@code message}, {@code waitingIn}
 * and {@code details} are left out when absent or hidden by {@code health.show-details}, and {@code "critical":false}
 * marks a check that contributes at worst {@code degraded}, {@code "failingOpen":"unhealthy on 4 of 5 instances"}
 * an unhealthy check that a group counts as {@code degraded} because it fails on much of the fleet. Written by the starter's own {@link HealthJson}, so the
 * names never follow the application's Jackson settings.
 *
 * While the instance is in maintenance and the group shows it, {@code "maintenance":{"reason":"...","since":"..."}}
 * follows {@code status}, for every caller: the operator's reason is what explains the 503.
 *
 * @param status the aggregated state, lowercase
 * @param maintenance the maintenance the group shows, or {@code null}
 * @param checks each check's part, by name
 */
@JsonPropertyOrder({ "status", "maintenance", "checks" })
public record HealthResponse(String status, @JsonInclude(Include.NON_NULL) @Nullable MaintenanceResponse maintenance,
		@JsonInclude(Include.NON_NULL) @Nullable Map<String, CheckResponse> checks) {

	/**
	 * Maps a snapshot, with its checks.
	 * @param snapshot the snapshot
	 * @return the body
	 */
	public static HealthResponse of(HealthSnapshot snapshot) {
		return of(snapshot, Shown.DETAILS);
	}

	/**
	 * Maps a snapshot.
	 * @param snapshot the snapshot
	 * @param shown what the caller sees; with {@link Shown#STATUS} the body is {@code {"status":"..."}}
	 * @return the body
	 */
	public static HealthResponse of(HealthSnapshot snapshot, Shown shown) {
		if (!shown.components()) {
			return new HealthResponse(snapshot.status().value(), MaintenanceResponse.of(snapshot), null);
		}
		Map<String, CheckResponse> checks = new LinkedHashMap<>();
		snapshot.checks()
			.forEach((name, outcome) -> checks.put(name,
					CheckResponse.of(outcome, !snapshot.nonCritical().contains(name), snapshot.failingOpen().get(name),
							shown.details())));
		return new HealthResponse(snapshot.status().value(), MaintenanceResponse.of(snapshot), checks);
	}

	/**
	 * The instance's maintenance ({@code PUT /health/maintenance}).
	 *
	 * @param reason why, as the operator wrote it
	 * @param since when it began, ISO-8601 UTC
	 */
	public record MaintenanceResponse(String reason, String since) {

		static @Nullable MaintenanceResponse of(HealthSnapshot snapshot) {
			HealthMaintenance maintenance = snapshot.maintenance();
			return (maintenance != null) ? of(maintenance) : null;
		}

		/**
		 * @param maintenance the maintenance
		 * @return its part of a body
		 */
		public static MaintenanceResponse of(HealthMaintenance maintenance) {
			return new MaintenanceResponse(maintenance.reason(), maintenance.since().toString());
		}

	}

	/**
	 * One check's part of the body.
	 *
	 * @param state the check's state, lowercase
	 * @param critical {@code false} for a check that contributes at worst {@code degraded}
	 * ({@code health.checks.<name>.critical=false}); absent for a critical check
	 * @param failingOpen why the group counts this unhealthy check as {@code degraded} (readiness that fails open,
	 * for example {@code "unhealthy on 4 of 5 instances"}); absent otherwise
	 * @param message why, when the check gave a message
	 * @param waitingIn where a check that timed out was waiting, innermost frame first
	 * ({@code Class.method(File.java:line)}), when it was still inside the check
	 * @param details the check's details as written on its own thread (or {@code {"error":"..."}}), when it gave any
	 * @param durationMs how long the call took, in milliseconds
	 * @param checkedAt when the call that produced the result ended, ISO-8601 UTC
	 * @param since when the check entered its reported state, ISO-8601 UTC
	 */
	@JsonPropertyOrder({ "state", "critical", "failingOpen", "message", "waitingIn", "details", "durationMs", "checkedAt",
			"since" })
	public record CheckResponse(String state, @JsonInclude(Include.NON_NULL) @Nullable Boolean critical,
			@JsonInclude(Include.NON_NULL) @Nullable String failingOpen, @JsonInclude(Include.NON_NULL) @Nullable String message, @JsonInclude(Include.NON_EMPTY) List<String> waitingIn,
			@JsonInclude(Include.NON_NULL) @JsonRawValue @Nullable String details, long durationMs, String checkedAt,
			String since) {

		static CheckResponse of(CheckOutcome outcome, boolean critical, @Nullable String failingOpen, boolean details) {
			return new CheckResponse(outcome.state().value(), critical ? null : Boolean.FALSE, failingOpen,
					details ? outcome.message() : null, details ? outcome.waitingIn() : List.of(),
					details ? outcome.detailsJson() : null, outcome.duration().toMillis(), outcome.checkedAt().toString(),
					outcome.since().toString());
		}

	}

}
