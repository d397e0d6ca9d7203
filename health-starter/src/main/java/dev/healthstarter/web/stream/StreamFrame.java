package dev.healthstarter.web.stream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One Server-Sent Events frame, built once and written to every subscriber it is due to (WHATWG HTML, "Server-sent
 * events"): {@code id: }, optionally {@code retry: }, and {@code data: } lines, each field name followed by a colon
 * and one space, as the seed clients parse them, or a {@code :heartbeat} comment line. Immutable.
 *
 * @param id the frame's {@code id:}, increasing across all frames; 0 for a heartbeat
 * @param bytes the frame's bytes, as written to every stack's clients (callers must not modify them)
 * @param signature the states and messages the frame shows, compared in {@link StreamMode#CHANGES} mode;
 * empty for a heartbeat
 * @param last whether the stream is completed after this frame
 * @param reconnect the frame's {@code retry:} field, or {@code null} when it has none
 */
public record StreamFrame(long id, byte[] bytes, String signature, boolean last,
		@Nullable Duration reconnect) {

	static final StreamFrame HEARTBEAT = new StreamFrame(0, ":heartbeat\n\n".getBytes(StandardCharsets.UTF_8), "", false,
			null);

	/**
	 * Not written: completes the stream once the connection has taken the last frame (a container may refuse to
	 * complete a response while a write is still pending, as Jetty does).
	 */
	static final StreamFrame COMPLETE = new StreamFrame(0, new byte[0], "complete", true, null);

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
		frame.writeBytes(retryField(reconnect));
		frame.writeBytes("data: ".getBytes(StandardCharsets.UTF_8));
		frame.writeBytes(json);
		frame.writeBytes("\n\n".getBytes(StandardCharsets.UTF_8));
		return new StreamFrame(id, frame.toByteArray(), signature, last, reconnect);
	}

	/**
	 * This data frame with a {@code retry:} field after its {@code id:} line, for a frame that replaces an unsent
	 * first frame (whose field the client must still get).
	 * @param reconnect the field's value
	 * @return a copy of the frame
	 */
	StreamFrame withReconnect(Duration reconnect) {
		int afterId = indexOf(this.bytes, (byte) '\n') + 1;
		ByteArrayOutputStream frame = new ByteArrayOutputStream(this.bytes.length + 24);
		frame.write(this.bytes, 0, afterId);
		frame.writeBytes(retryField(reconnect));
		frame.write(this.bytes, afterId, this.bytes.length - afterId);
		return new StreamFrame(this.id, frame.toByteArray(), this.signature, this.last, reconnect);
	}

	private static byte[] retryField(@Nullable Duration reconnect) {
		return (reconnect != null) ? ("retry: " + reconnect.toMillis() + "\n").getBytes(StandardCharsets.UTF_8)
				: new byte[0];
	}

	private static int indexOf(byte[] bytes, byte value) {
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == value) {
				return i;
			}
		}
		return -1;
	}

	boolean isHeartbeat() {
		return this.signature.isEmpty();
	}

}
