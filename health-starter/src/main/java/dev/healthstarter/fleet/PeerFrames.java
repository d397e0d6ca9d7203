package dev.healthstarter.fleet;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.healthstarter.HealthState;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a peer's data frame, the health body {@code {"status":"...","checks":{"name":{"state":"..."}}}} (any other
 * field is ignored), bounded in content: at most {@code maxChecks} checks, each named in at most
 * {@value #MAX_NAME_LENGTH} characters. A frame that is not such a body, or is over a bound, is refused with the
 * words the link logs. Thread-safe.
 */
final class PeerFrames {

	/** Longest check name a peer may send. */
	static final int MAX_NAME_LENGTH = 128;

	private final JsonMapper json;

	private final int maxChecks;

	/**
	 * @param json reads the frames
	 * @param maxChecks most checks a frame may hold ({@code health.fleet.max-checks-per-peer})
	 */
	PeerFrames(JsonMapper json, int maxChecks) {
		this.json = json;
		this.maxChecks = maxChecks;
	}

	/**
	 * @param data the frame's data
	 * @return the peer's overall state and its checks' states
	 * @throws PeerFailures.LinkEnded if the frame is not a health body or is over a bound
	 */
	Frame read(byte[] data) {
		JsonNode body;
		try {
			body = this.json.readTree(data);
		}
		catch (JacksonException ex) {
			throw new PeerFailures.LinkEnded("sent a frame that is not JSON");
		}
		HealthState status = state(body.path("status").asString(""));
		JsonNode checksNode = body.path("checks");
		if (checksNode.size() > this.maxChecks) {
			throw new PeerFailures.LinkEnded("sent a frame with " + checksNode.size()
					+ " checks, more than health.fleet.max-checks-per-peer (" + this.maxChecks + ")");
		}
		Map<String, HealthState> checks = new TreeMap<>();
		for (Map.Entry<String, JsonNode> check : checksNode.properties()) {
			String name = check.getKey();
			if (name.length() > MAX_NAME_LENGTH) {
				throw new PeerFailures.LinkEnded("sent a check name of " + name.length() + " characters, more than "
						+ MAX_NAME_LENGTH);
			}
			checks.put(name, state(check.getValue().path("state").asString("")));
		}
		return new Frame(status, checks);
	}

	private static HealthState state(String value) {
		try {
			return HealthState.valueOf(value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new PeerFailures.LinkEnded("sent a frame with the state '" + PeerFailures.cut(value, 64) + "'");
		}
	}

	/**
	 * A peer's frame as read.
	 *
	 * @param status its overall state
	 * @param checks its checks' states, by name
	 */
	record Frame(HealthState status, Map<String, HealthState> checks) {
	}

}
