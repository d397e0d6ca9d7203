package dev.healthstarter.web;

import java.util.Set;

import dev.healthstarter.core.HealthSnapshot;

import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;

/**
 * One Server-Sent Events frame, built once and written to every subscriber it is due to (WHATWG HTML, "Server-sent
 * events": {@code id:} and {@code data:} lines, or a {@code :} comment line for heartbeats). Immutable.
 *
 * @param event the frame's lines, ready for {@code SseEmitter.send}
 * @param signature the states and messages the frame shows, compared in {@link StreamMode#CHANGES} mode;
 * empty for a heartbeat
 * @param last whether the stream is completed after this frame
 */
record StreamFrame(Set<DataWithMediaType> event, String signature, boolean last) {

	boolean isHeartbeat() {
		return this.signature.isEmpty();
	}

	/**
	 * The states and messages a frame shows, for spotting changes; durations and timestamps are left out.
	 * @param snapshot the snapshot
	 * @param showDetails whether the frame shows each check
	 * @return a string equal for two frames exactly when they show the same states and messages
	 */
	static String signature(HealthSnapshot snapshot, boolean showDetails) {
		StringBuilder signature = new StringBuilder(snapshot.status().value());
		if (showDetails) {
			snapshot.checks().forEach((name, outcome) -> signature.append('|')
				.append(name)
				.append('=')
				.append(outcome.state().value())
				.append(':')
				.append(outcome.result().message()));
		}
		return signature.toString();
	}

}
