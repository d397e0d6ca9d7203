package dev.healthstarter.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.healthstarter.HealthTransition;
import org.jspecify.annotations.Nullable;

/**
 * JSON body of {@code GET /health/history}: {@code {"transitions":[{"check":"db","from":"healthy",
 * "to":"unhealthy","at":"2026-01-01T00:00:00Z","message":"connection refused"}]}}, oldest first. A caller who may not
 * see the checks ({@code health.show-components}) gets {@code {"transitions":[]}}; one who may not see details
 * ({@code health.show-details}) gets each transition without its message. Written by the starter's own
 * {@link HealthJson}.
 *
 * @param transitions the kept transitions, oldest first
 */
public record HealthHistoryResponse(List<Transition> transitions) {

	/**
	 * @param transitions the kept transitions, oldest first
	 * @param shown what the caller sees
	 * @return the body
	 */
	public static HealthHistoryResponse of(List<HealthTransition> transitions, Shown shown) {
		if (!shown.components()) {
			return new HealthHistoryResponse(List.of());
		}
		return new HealthHistoryResponse(transitions.stream()
			.map((transition) -> new Transition(transition.check(), transition.from().value(), transition.to().value(),
					transition.at().toString(), shown.details() ? transition.message() : null))
			.toList());
	}

	/**
	 * One transition.
	 *
	 * @param check the check's name
	 * @param from the state before, lowercase
	 * @param to the state after, lowercase
	 * @param at when the check entered {@code to}, ISO-8601 UTC
	 * @param message the check's message on entering {@code to}; left out when absent or hidden
	 */
	public record Transition(String check, String from, String to, String at,
			@JsonInclude(Include.NON_NULL) @Nullable String message) {
	}

}
