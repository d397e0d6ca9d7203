package dev.healthstarter.fleet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link EventStreamReader} against the HTML Living Standard's rules for interpreting an event stream (9.2.6): the
 * events a browser's {@code EventSource} would dispatch, as their {@code data}.
 */
class EventStreamReaderTests {

	private final List<String> events = new ArrayList<>();

	private final EventStreamReader reader = new EventStreamReader(64,
			(data) -> this.events.add(new String(data, StandardCharsets.UTF_8)));

	@Test
	void everyLineEndEndsALine() {
		read("data: lf\n\ndata: crlf\r\n\r\ndata: cr\r\rdata: mixed\r\n\n");
		assertThat(this.events).containsExactly("lf", "crlf", "cr", "mixed");
	}

	@Test
	void aCrlfSplitBetweenTwoReadsIsOneLineEnd() {
		read("data: a\r");
		read("\ndata: b\r");
		read("\n\r");
		read("\n");
		assertThat(this.events).containsExactly("a\nb");
	}

	@Test
	void dataLinesAreJoinedWithLineFeeds() {
		read("data: {\"a\":\ndata:1}\n\n");
		assertThat(this.events).containsExactly("{\"a\":\n1}");
	}

	@Test
	void onlyOneSpaceAfterTheColonIsDropped() {
		read("data:no space\n\ndata:  two spaces\n\n");
		assertThat(this.events).containsExactly("no space", " two spaces");
	}

	@Test
	void commentsAndOtherFieldsAreNotData() {
		read(": heartbeat\n\nretry: 2000\nid: 7\nevent: health\ndata: x\n\n:comment\n\n");
		assertThat(this.events).containsExactly("x");
	}

	@Test
	void aFieldNamedDataWithoutAColonIsAnEmptyDataLine() {
		read("data\ndata: x\n\n");
		assertThat(this.events).containsExactly("\nx");
	}

	@Test
	void aFieldWhoseNameOnlyStartsWithDataIsNotData() {
		read("database: x\ndata2: y\n\n");
		assertThat(this.events).isEmpty();
	}

	@Test
	void anEventWithoutDataIsNotDispatched() {
		read("id: 1\n\n\n\n");
		assertThat(this.events).isEmpty();
	}

	@Test
	void anEventNotEndedByABlankLineIsNotDispatched() {
		read("data: unfinished\n");
		assertThat(this.events).isEmpty();
	}

	@Test
	void aLeadingByteOrderMarkIsSkipped() {
		byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
		this.reader.read(ByteBuffer.wrap(bom, 0, 2));
		this.reader.read(ByteBuffer.wrap(bom, 2, 1));
		read("data: after the mark\n\n");
		assertThat(this.events).containsExactly("after the mark");
	}

	@Test
	void bytesThatOnlyStartLikeAByteOrderMarkAreKept() {
		EventStreamReader raw = new EventStreamReader(64, (data) -> this.events.add(hex(data)));
		raw.read(ByteBuffer.wrap(new byte[] { 'd', 'a', 't', 'a', ':', (byte) 0xEF, (byte) 0xBB, 'x', '\n', '\n' }));
		assertThat(this.events).containsExactly("efbb78");
		EventStreamReader atStart = new EventStreamReader(64, (data) -> this.events.add(hex(data)));
		atStart.read(ByteBuffer.wrap(new byte[] { (byte) 0xEF, 'd', 'a', 't', 'a', ':', 'x', '\n', '\n' }));
		// the stray byte starts a line whose field is not "data": nothing is dispatched, and nothing is lost silently
		assertThat(this.events).containsExactly("efbb78");
	}

	@Test
	void multiByteCharactersSplitBetweenReadsArriveWhole() {
		byte[] bytes = "data: café\n\n".getBytes(StandardCharsets.UTF_8);
		for (byte b : bytes) {
			this.reader.read(ByteBuffer.wrap(new byte[] { b }));
		}
		assertThat(this.events).containsExactly("café");
	}

	@Test
	void anEventOverTheBoundFailsTheRead() {
		read("data: " + "x".repeat(40) + "\n");
		assertThatExceptionOfType(EventStreamReader.TooLargeException.class)
			.isThrownBy(() -> read("data: " + "y".repeat(40) + "\n\n"))
			.withMessage("sent a frame larger than 64 bytes");
		assertThat(this.events).isEmpty();
	}

	@Test
	void theBoundIsPerEvent() {
		for (int i = 0; i < 10; i++) {
			read("data: " + "x".repeat(50) + "\n\n");
		}
		assertThat(this.events).hasSize(10);
	}

	private void read(String text) {
		this.reader.read(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
	}

	private static String hex(byte[] bytes) {
		StringBuilder hex = new StringBuilder();
		for (byte b : bytes) {
			hex.append(String.format("%02x", b & 0xFF));
		}
		return hex.toString();
	}

}
