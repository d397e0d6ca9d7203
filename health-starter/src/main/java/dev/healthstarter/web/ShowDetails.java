package dev.healthstarter.web;

/**
 * When health responses and streams show each check; the aggregated status is always shown.
 */
public enum ShowDetails {

	/** Always show checks. */
	ALWAYS,

	/** Never show checks: status only. */
	NEVER,

	/** Show checks to authenticated callers, optionally only those with one of the configured roles. */
	WHEN_AUTHORIZED

}
