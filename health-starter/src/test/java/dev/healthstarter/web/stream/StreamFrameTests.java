package dev.healthstarter.web.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact bytes of the stream's frames, as WHATWG HTML's "Server-sent events" reads them: each field is its name, a
 * colon, one space and its value on one line ending in LF; a blank line dispatches the event; a line starting with a
 * colon is a comment. A data frame has no {@code event:} line, so that {@code EventSource.onmessage} gets it.
 */
class StreamFrameTests {

	private static final String JSON = "{\"status\":\"healthy\",\"checks\":{}}";

	@Test
	void aDataFrameIsItsIdLineThenItsDataLineThenABlankLine() {
		StreamFrame frame = StreamFrame.data(7, null, utf8(JSON), "signature", false);
		assertThat(text(frame)).isEqualTo("id: 7\ndata: " + JSON + "\n\n");
		assertThat(frame.id()).isEqualTo(7);
		assertThat(frame.signature()).isEqualTo("signature");
		assertThat(frame.reconnect()).isNull();
		assertThat(frame.last()).isFalse();
		assertThat(frame.isHeartbeat()).isFalse();
	}

	@Test
	void aFirstFrameCarriesItsRetryFieldInWholeMillisecondsBetweenItsIdAndItsData() {
		StreamFrame frame = StreamFrame.data(1, Duration.ofMillis(2500), utf8(JSON), "signature", false);
		assertThat(text(frame)).isEqualTo("id: 1\nretry: 2500\ndata: " + JSON + "\n\n");
		assertThat(frame.reconnect()).isEqualTo(Duration.ofMillis(2500));
	}

	@Test
	void theDataIsWrittenByteForByteWhateverItsCharacters() {
		byte[] json = utf8("{\"message\":\"caf\u00e9 \u2603 \ud83d\ude80\"}");
		StreamFrame frame = StreamFrame.data(Long.MAX_VALUE, null, json, "signature", true);
		byte[] prefix = utf8("id: 9223372036854775807\ndata: ");
		assertThat(frame.bytes()).startsWith(prefix).endsWith(utf8("\n\n")).hasSize(prefix.length + json.length + 2);
		assertThat(new String(frame.bytes(), StandardCharsets.UTF_8)).contains("caf\u00e9 \u2603 \ud83d\ude80");
		assertThat(frame.last()).isTrue();
	}

	@Test
	void aFrameGivenARetryFieldIsTheFrameBuiltWithIt() {
		StreamFrame pushed = StreamFrame.data(12, null, utf8(JSON), "signature", true);
		StreamFrame replacing = pushed.withReconnect(Duration.ofSeconds(30));
		assertThat(text(replacing)).isEqualTo("id: 12\nretry: 30000\ndata: " + JSON + "\n\n");
		assertThat(replacing.bytes())
			.isEqualTo(StreamFrame.data(12, Duration.ofSeconds(30), utf8(JSON), "signature", true).bytes());
		assertThat(replacing.id()).isEqualTo(12);
		assertThat(replacing.signature()).isEqualTo("signature");
		assertThat(replacing.last()).isTrue();
		assertThat(replacing.reconnect()).isEqualTo(Duration.ofSeconds(30));
		assertThat(text(pushed)).as("the frame it was made from").isEqualTo("id: 12\ndata: " + JSON + "\n\n");
	}

	@Test
	void aHeartbeatIsACommentThatDispatchesNothing() {
		assertThat(text(StreamFrame.HEARTBEAT)).isEqualTo(":heartbeat\n\n");
		assertThat(StreamFrame.HEARTBEAT.isHeartbeat()).isTrue();
		assertThat(StreamFrame.HEARTBEAT.last()).isFalse();
		assertThat(StreamFrame.HEARTBEAT.reconnect()).isNull();
	}

	@Test
	void theCompletionMarkerWritesNoByteAndEndsTheStream() {
		assertThat(StreamFrame.COMPLETE.bytes()).isEmpty();
		assertThat(StreamFrame.COMPLETE.last()).isTrue();
		assertThat(StreamFrame.COMPLETE.isHeartbeat()).isFalse();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(StreamFrame frame) {
		return new String(frame.bytes(), StandardCharsets.UTF_8);
	}

}
