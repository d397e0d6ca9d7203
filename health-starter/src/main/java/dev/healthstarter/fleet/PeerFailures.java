package dev.healthstarter.fleet;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import javax.net.ssl.SSLException;

import org.jspecify.annotations.Nullable;

/**
 * What ended a peer's link, in words for its one WARN line: the rest of a sentence that starts with the peer
 * ({@code Fleet peer 10.1.2.3:8080 closed the connection mid-frame}), on one line and bounded, never a stack trace.
 * Stateless.
 */
final class PeerFailures {

	/** Longest reason logged, for text a peer or its network chose. */
	private static final int MAX_REASON_LENGTH = 300;

	private PeerFailures() {
	}

	/**
	 * Says in words what ended an exchange, as the rest of a sentence that starts with the peer ("closed the
	 * connection mid-frame"), on one line: the peer closing the connection before the end of its response (the
	 * JDK client's {@code IOException: chunked transfer encoding, state: READING_LENGTH} or an
	 * {@link EOFException}, Reactor Netty's {@code PrematureCloseException}), resetting or refusing it, not
	 * answering in time, failing the TLS handshake (its certificate not trusted or naming another host), a reason of
	 * the link's own; anything else by its class and message.
	 * @param failure how the exchange failed
	 * @return the words
	 */
	static String describe(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof LinkEnded || cause instanceof EventStreamReader.TooLargeException) {
			return cause.getMessage();
		}
		if (cause instanceof HttpConnectTimeoutException) {
			return "did not accept the connection within " + PeerLink.CONNECT_TIMEOUT.toMillis() + " ms";
		}
		if (cause instanceof HttpTimeoutException) {
			return "did not answer within " + PeerLink.ANSWER_TIMEOUT.toMillis() + " ms";
		}
		Throwable reason = cause;
		for (int depth = 0; reason != null && depth < 10; depth++, reason = reason.getCause()) {
			String words = inWords(reason);
			if (words != null) {
				return words;
			}
		}
		String message = cause.getMessage();
		return "failed: " + cut(cause.getClass().getSimpleName() + ((message != null) ? ": " + message : ""),
				MAX_REASON_LENGTH);
	}

	private static @Nullable String inWords(Throwable failure) {
		String message = (failure.getMessage() != null) ? failure.getMessage() : "";
		if (failure instanceof EOFException || failure.getClass().getSimpleName().equals("PrematureCloseException")
				|| (failure instanceof IOException && (message.startsWith("chunked transfer encoding")
						|| message.startsWith("fixed content-length")))) {
			return "closed the connection mid-frame";
		}
		if (failure instanceof IOException && message.contains("header parser received no bytes")) {
			return "closed the connection before answering";
		}
		if (failure instanceof IOException && message.toLowerCase(Locale.ROOT).contains("connection reset")) {
			return "reset the connection";
		}
		if (failure instanceof ConnectException && message.toLowerCase(Locale.ROOT).contains("refused")) {
			return "refused the connection";
		}
		if (failure instanceof SSLException) {
			return tlsInWords(message);
		}
		return null;
	}

	/**
	 * @param message a TLS failure's message, as the JDK's JSSE words it
	 * @return the words: a certificate not trusted or naming another host, a peer that does not speak TLS, a
	 * handshake that the peer ended (often this instance's client certificate refused)
	 */
	private static String tlsInWords(String message) {
		if (message.contains("PKIX path")) {
			return "presented a certificate that this instance does not trust (not issued by an authority of "
					+ "health.fleet.ssl.bundle's trust store, or of the JVM's without a bundle)";
		}
		if (message.contains("No subject alternative") || message.contains("No name matching")) {
			return "presented a certificate that does not name the address it is reached at (" + cut(message, 100)
					+ "; a member reached by its IP address needs that address as an IP subject alternative name)";
		}
		if (message.contains("Unsupported or unrecognized SSL message")) {
			return "does not answer in TLS on that port (does it serve plain HTTP? health.fleet.scheme is https)";
		}
		if (message.contains("Received fatal alert")) {
			return "ended the TLS handshake (" + cut(message, 100) + "; does it trust this instance's client "
					+ "certificate?)";
		}
		return "failed the TLS handshake: " + cut(message, MAX_REASON_LENGTH);
	}

	/**
	 * @param text any text
	 * @param max most characters kept
	 * @return the text on one line (control characters become spaces), cut to {@code max} characters
	 */
	static String cut(String text, int max) {
		String line = text.replaceAll("\\p{Cntrl}", " ");
		return (line.length() > max) ? line.substring(0, max) + "..." : line;
	}

	/**
	 * Why the link ended an exchange itself, in words that follow the peer's name ("was silent for 30000 ms"); no
	 * stack trace.
	 */
	static final class LinkEnded extends RuntimeException {

		LinkEnded(String words) {
			super(words, null, false, false);
		}

	}

}
