package dev.healthstarter.fleet;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a link says in words what ended an exchange with a peer, for its one log line.
 */
class PeerFailuresTests {

	@Test
	void aPeerClosingBetweenChunksClosedTheConnectionMidFrame() {
		assertThat(PeerFailures.describe(new CompletionException(
				new IOException("chunked transfer encoding, state: READING_LENGTH"))))
			.isEqualTo("closed the connection mid-frame");
	}

	@Test
	void aPeerClosingInsideAChunkClosedTheConnectionMidFrame() {
		assertThat(PeerFailures.describe(new IOException("chunked transfer encoding, state: READING_DATA")))
			.isEqualTo("closed the connection mid-frame");
		assertThat(PeerFailures.describe(new IOException("wrapped", new EOFException("EOF reached while reading"))))
			.isEqualTo("closed the connection mid-frame");
	}

	@Test
	void reactorNettysPrematureCloseClosedTheConnectionMidFrame() {
		assertThat(PeerFailures.describe(new CompletionException(new PrematureCloseException(
				"Connection prematurely closed DURING response"))))
			.isEqualTo("closed the connection mid-frame");
	}

	@Test
	void aPeerClosingBeforeItsHeadersClosedTheConnectionBeforeAnswering() {
		assertThat(PeerFailures.describe(new IOException("HTTP/1.1 header parser received no bytes")))
			.isEqualTo("closed the connection before answering");
	}

	@Test
	void refusedResetAndTimedOutConnectionsAreSaidInWords() {
		assertThat(PeerFailures.describe(new ConnectException("Connection refused"))).isEqualTo("refused the connection");
		assertThat(PeerFailures.describe(new ConnectException(null) {
		}.initCause(new ConnectException("Connection refused")))).isEqualTo("refused the connection");
		assertThat(PeerFailures.describe(new IOException("Connection reset"))).isEqualTo("reset the connection");
		assertThat(PeerFailures.describe(new HttpConnectTimeoutException("HTTP connect timed out")))
			.isEqualTo("did not accept the connection within 2000 ms");
		assertThat(PeerFailures.describe(new HttpTimeoutException("request timed out")))
			.isEqualTo("did not answer within 5000 ms");
	}

	@Test
	void anOversizedFrameAndTheLinksOwnReasonsAreTheirWords() {
		assertThat(PeerFailures.describe(new CompletionException(new EventStreamReader.TooLargeException(262144))))
			.isEqualTo("sent a frame larger than 262144 bytes");
		assertThat(PeerFailures.describe(new CompletionException(new PeerFailures.LinkEnded("was silent for 30000 ms"))))
			.isEqualTo("was silent for 30000 ms");
	}

	@Test
	void anythingElseIsItsClassAndMessageOnOneLine() {
		assertThat(PeerFailures.describe(new IllegalStateException("first line\nsecond line\r\nthird")))
			.isEqualTo("failed: IllegalStateException: first line second line  third");
		assertThat(PeerFailures.describe(new IllegalStateException("x".repeat(1000)))).hasSize("failed: ".length() + 300 + "...".length());
	}

	/** Reactor Netty's exception, known by its simple name so that the link needs no Reactor Netty. */
	private static final class PrematureCloseException extends IOException {

		PrematureCloseException(String message) {
			super(message);
		}

	}

}
