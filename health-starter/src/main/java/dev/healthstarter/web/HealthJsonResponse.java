package dev.healthstarter.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.healthstarter.HealthMaintenance;
import dev.healthstarter.HealthState;
import dev.healthstarter.core.CheckOutcome;
import dev.healthstarter.core.HealthSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * Body of health responses in the {@code application/health+json} format of the IETF draft "Health Check
 * Response Format for HTTP APIs" (draft-inadarei-api-health-check): {@code status} is {@code pass},
 * {@code warn} or {@code fail}; {@code checks} maps each check's name to a one-element array holding its
 * status, {@code time} (ISO-8601), {@code observedValue} (the evaluation's duration) with
 * {@code observedUnit} {@code ms}, and {@code output} (the message, for warn and fail).
 *
 * @param status the aggregated status
 * @param notes the draft's {@code notes}: while the group shows the instance in maintenance,
 * {@code "in maintenance since <ISO-8601>: <reason>"}, for every caller; else empty and left out
 * @param checks the checks, or {@code null} when hidden by {@code health.show-components}; {@code output} is left
 * out when hidden by {@code health.show-details}
 */
@JsonPropertyOrder({ "status", "notes", "checks" })
public record HealthJsonResponse(String status, @JsonInclude(Include.NON_EMPTY) List<String> notes,
		@JsonInclude(Include.NON_NULL) @Nullable Map<String, List<Check>> checks) {

	/** The media type of this format. */
	public static final String MEDIA_TYPE = "application/health+json";

	/**
	 * @param snapshot the snapshot
	 * @param shown what the caller sees
	 * @return the body
	 */
	public static HealthJsonResponse of(HealthSnapshot snapshot, Shown shown) {
		if (!shown.components()) {
			return new HealthJsonResponse(status(snapshot.status()), notes(snapshot), null);
		}
		Map<String, List<Check>> checks = new LinkedHashMap<>();
		snapshot.checks().forEach((name, outcome) -> checks.put(name, List.of(Check.of(outcome, shown.details()))));
		return new HealthJsonResponse(status(snapshot.status()), notes(snapshot), checks);
	}

	private static List<String> notes(HealthSnapshot snapshot) {
		HealthMaintenance maintenance = snapshot.maintenance();
		return (maintenance != null) ? List.of("in maintenance since " + maintenance.since() + ": " + maintenance.reason())
				: List.of();
	}

	static String status(HealthState state) {
		return switch (state) {
			case HEALTHY -> "pass";
			case DEGRADED -> "warn";
			case UNHEALTHY -> "fail";
		};
	}

	/**
	 * One check in the draft's format.
	 *
	 * @param status {@code pass}, {@code warn} or {@code fail}
	 * @param time when the check was evaluated
	 * @param observedValue how long the evaluation took
	 * @param observedUnit the unit of {@code observedValue}, {@code ms}
	 * @param output the check's message when it is not passing
	 */
	public record Check(String status, String time, long observedValue, String observedUnit,
			@JsonInclude(Include.NON_NULL) @Nullable String output) {

		static Check of(CheckOutcome outcome, boolean details) {
			String output = (details && outcome.state() != HealthState.HEALTHY) ? outcome.result().message() : null;
			return new Check(HealthJsonResponse.status(outcome.state()), outcome.checkedAt().toString(), outcome.duration().toMillis(),
					"ms", output);
		}

	}

}
