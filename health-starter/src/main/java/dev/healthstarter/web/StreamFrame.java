package dev.healthstarter.web;

import java.util.Set;

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

}
