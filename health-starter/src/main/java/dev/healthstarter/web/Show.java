package dev.healthstarter.web;

/**
 * Whether a part of the health responses is shown, with the values and names of Spring Boot's
 * {@code management.endpoint.health.show-components} and {@code show-details}: {@code health.show-components}
 * decides whether the checks are listed, {@code health.show-details} whether each one's message, details and
 * {@code waitingIn} are. The aggregated status is always shown.
 */
public enum Show {

	/** Never shown. */
	NEVER,

	/** Shown to authenticated callers, optionally only those with one of {@code health.roles}. */
	WHEN_AUTHORIZED,

	/** Always shown. */
	ALWAYS

}
