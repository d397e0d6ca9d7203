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
	 * @param shown what the caller sees
	 * @param healthJson {@code application/health+json} ({@link HealthJsonResponse}) instead of
	 * {@link HealthResponse}
	 * @return the UTF-8 JSON body; callers must not modify it
	 */
	public byte[] json(HealthSnapshot snapshot, Shown shown, boolean healthJson) {
		return snapshot.derive(new Format(shown, healthJson), (target) -> this.json
			.bytes(healthJson ? HealthJsonResponse.of(target, shown) : HealthResponse.of(target, shown)));
	}

	/** One of the six bodies a snapshot can have, as the key of its memo. */
	private record Format(Shown shown, boolean healthJson) {

	}

}
