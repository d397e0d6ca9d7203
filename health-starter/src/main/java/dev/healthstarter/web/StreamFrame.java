package dev.healthstarter.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;

/**
 * One Server-Sent Events frame, built once and written to every subscriber it is due to (WHATWG HTML, "Server-sent
 * events"): {@code id: }, optionally {@code retry: }, and {@code data: } lines, each field name followed by a colon
 * and one space, as the seed clients parse them, or a {@code :heartbeat} comment line. Immutable.
 *
 * @param id the frame's {@code id:}, increasing across all frames; 0 for a heartbeat
 * @param event the frame's bytes, ready for {@code SseEmitter.send}
 * @param signature the states and messages the frame shows, compared in {@link StreamMode#CHANGES} mode;
 * empty for a heartbeat
 * @param last whether the stream is completed after this frame
 */
record StreamFrame(long id, Set<DataWithMediaType> event, String signature, boolean last) {

	static final StreamFrame HEARTBEAT = new StreamFrame(0,
			Set.of(new DataWithMediaType(":heartbeat\n\n".getBytes(StandardCharsets.UTF_8), null)), "", false);

	/**
	 * @param id the frame's id
	 * @param reconnect the {@code retry:} field, or {@code null} for none
	 * @param json the {@code data:} field, one line of JSON
	 * @param signature what the frame shows, for {@link StreamMode#CHANGES}
	 * @param last whether the stream ends after it
	 * @return the frame
	 */
	static StreamFrame data(long id, @Nullable Duration reconnect, byte[] json, String signature, boolean last) {
		ByteArrayOutputStream frame = new ByteArrayOutputStream(json.length + 48);
		frame.writeBytes(("id: " + id + "\n").getBytes(StandardCharsets.UTF_8));
		if (reconnect != null) {
			frame.writeBytes(("retry: " + reconnect.toMillis() + "\n").getBytes(StandardCharsets.UTF_8));
		}
		frame.writeBytes("data: ".getBytes(StandardCharsets.UTF_8));
		frame.writeBytes(json);
		frame.writeBytes("\n\n".getBytes(StandardCharsets.UTF_8));
		return new StreamFrame(id, Set.of(new DataWithMediaType(frame.toByteArray(), null)), signature, last);
	}

	boolean isHeartbeat() {
		return this.signature.isEmpty();
	}

}
