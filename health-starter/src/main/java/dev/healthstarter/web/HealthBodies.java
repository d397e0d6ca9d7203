package dev.healthstarter.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.healthstarter.core.HealthSnapshot;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectWriter;

/**
 * Serializes health response bodies once per distinct (group, visibility, format, snapshot) and hands out the
 * same bytes until the group's snapshot changes: between two cache windows every probe gets a body that was
 * written once. Holds one body per (group, visibility, format). Thread-safe.
 */
public final class HealthBodies {

	private final ObjectWriter writer;

	private final ConcurrentMap<Key, Body> bodies = new ConcurrentHashMap<>();

	/**
	 * @param writer writes the JSON (the application's {@code JsonMapper}, without indentation)
	 */
	public HealthBodies(ObjectWriter writer) {
		this.writer = writer;
	}

	/**
	 * @param group the group the snapshot belongs to, or {@code null} for every check
	 * @param snapshot the snapshot
	 * @param showDetails whether the body shows each check
	 * @param healthJson {@code application/health+json} ({@link HealthJsonResponse}) instead of
	 * {@link HealthResponse}
	 * @return the UTF-8 JSON body; callers must not modify it
	 */
	byte[] json(@Nullable String group, HealthSnapshot snapshot, boolean showDetails, boolean healthJson) {
		Key key = new Key(group, showDetails, healthJson);
		Body cached = this.bodies.get(key);
		if (cached != null && cached.snapshot() == snapshot) {
			return cached.json();
		}
		Object body = healthJson ? HealthJsonResponse.of(snapshot, showDetails) : HealthResponse.of(snapshot, showDetails);
		byte[] json = this.writer.writeValueAsBytes(body);
		this.bodies.put(key, new Body(snapshot, json));
		return json;
	}

	private record Key(@Nullable String group, boolean showDetails, boolean healthJson) {
	}

	private record Body(HealthSnapshot snapshot, byte[] json) {
	}

}
