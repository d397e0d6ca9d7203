package dev.healthstarter.web;

import dev.healthstarter.core.HealthSnapshot;

/**
 * Serializes health response bodies, once per snapshot and format: the bytes are kept by the snapshot itself
 * ({@link HealthSnapshot#derive}), so between two changes every probe and every stream frame of a group gets a body
 * written once. Each check's details were already written on the check's own thread, so writing a body cannot
 * fail. Thread-safe.
 */
public final class HealthBodies {

	private final HealthJson json;

	/**
	 * @param json the starter's JSON writer
	 */
	public HealthBodies(HealthJson json) {
		this.json = json;
	}

	/**
	 * @param snapshot the snapshot
	 * @param showDetails whether the body shows each check
	 * @param healthJson {@code application/health+json} ({@link HealthJsonResponse}) instead of
	 * {@link HealthResponse}
	 * @return the UTF-8 JSON body; callers must not modify it
	 */
	byte[] json(HealthSnapshot snapshot, boolean showDetails, boolean healthJson) {
		return snapshot.derive(Format.of(showDetails, healthJson), (target) -> this.json.bytes(
				healthJson ? HealthJsonResponse.of(target, showDetails) : HealthResponse.of(target, showDetails)));
	}

	/** The four bodies a snapshot can have. */
	private enum Format {

		PLAIN, PLAIN_DETAILS, HEALTH_JSON, HEALTH_JSON_DETAILS;

		static Format of(boolean showDetails, boolean healthJson) {
			return healthJson ? (showDetails ? HEALTH_JSON_DETAILS : HEALTH_JSON) : (showDetails ? PLAIN_DETAILS : PLAIN);
		}

	}

}
