package dev.healthstarter.core;

import java.io.Writer;
import java.util.Map;

import dev.healthstarter.HealthCheckResult;
import org.jspecify.annotations.Nullable;

/**
 * Keeps one check's result within the sizes every reader can afford, once per result: the message is cut to
 * {@code health.max-message-length} characters with a note of how much was cut, and the details are written as
 * JSON by the {@link DetailsSerializer}, replaced by {@code {"error":"..."}} when they cannot be written or pass
 * {@code health.max-details-size} bytes (UTF-8). Also escapes text for log lines. Immutable and thread-safe.
 */
public final class ResultLimits {

	/** The defaults: 1,000 characters of message, 16 KB of details, no JSON. */
	public static final ResultLimits DEFAULTS = new ResultLimits(1000, 16 * 1024, null);

	private final int maxMessageLength;

	private final long maxDetailsBytes;

	private final @Nullable DetailsSerializer serializer;

	/**
	 * @param maxMessageLength most characters of a message kept; at least 1
	 * @param maxDetailsBytes most bytes of a check's details JSON
	 * @param serializer writes details as JSON, or {@code null} when no JSON library is present
	 */
	public ResultLimits(int maxMessageLength, long maxDetailsBytes, @Nullable DetailsSerializer serializer) {
		this.maxMessageLength = maxMessageLength;
		this.maxDetailsBytes = maxDetailsBytes;
		this.serializer = serializer;
	}

	/**
	 * @param result a check's raw result
	 * @return the result with its message cut to the limit
	 */
	HealthCheckResult cut(HealthCheckResult result) {
		String message = result.message();
		String cut = (message != null) ? cut(message) : null;
		return (cut == message) ? result : new HealthCheckResult(result.state(), cut, result.details());
	}

	/**
	 * @param text any text
	 * @return the text, or its first {@code max-message-length} characters and a note of how many were cut
	 */
	public String cut(String text) {
		if (text.length() <= this.maxMessageLength) {
			return text;
		}
		int end = this.maxMessageLength;
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end) + "... (" + (text.length() - end) + " more characters cut)";
	}

	/**
	 * Text for a log line: cut to the limit, and every control character escaped ({@code \n} as {@code \\n}), so a
	 * check's text never starts a new log record.
	 * @param text any text
	 * @return the escaped text
	 */
	public String forLog(String text) {
		String cut = cut(text);
		StringBuilder escaped = new StringBuilder(cut.length());
		for (int i = 0; i < cut.length(); i++) {
			char c = cut.charAt(i);
			String replacement = escape(c);
			if (replacement != null) {
				escaped.append(replacement);
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

	/**
	 * Writes a result's details as JSON. Called on the check's thread, inside its timeout.
	 * @param details the details
	 * @return the JSON object, {@code {"error":"..."}} when they cannot be written or are too large, or
	 * {@code null} when there are none or no serializer
	 */
	@Nullable String detailsJson(Map<String, Object> details) {
		if (details.isEmpty() || this.serializer == null) {
			return null;
		}
		LimitedWriter out = new LimitedWriter(this.maxDetailsBytes);
		try {
			this.serializer.write(details, out);
			return out.toString();
		}
		catch (LimitedWriter.LimitExceededException ex) {
			return error("details exceed health.max-details-size of " + this.maxDetailsBytes + " bytes");
		}
		catch (Exception | Error ex) {
			Throwable cause = (ex.getCause() instanceof LimitedWriter.LimitExceededException) ? ex.getCause() : null;
			if (cause != null) {
				return error("details exceed health.max-details-size of " + this.maxDetailsBytes + " bytes");
			}
			return error("details could not be written as JSON: " + cut(Throwables.describe(ex)));
		}
	}

	private static String error(String message) {
		StringBuilder json = new StringBuilder("{\"error\":\"");
		for (int i = 0; i < message.length(); i++) {
			char c = message.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20) {
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		return json.append("\"}").toString();
	}

	private static @Nullable String escape(char c) {
		return switch (c) {
			case '\n' -> "\\n";
			case '\r' -> "\\r";
			case '\t' -> "\\t";
			default -> (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029)
					? String.format("\\u%04x", (int) c) : null;
		};
	}

	/** A writer that keeps what is written and throws once it passes a number of UTF-8 bytes. */
	private static final class LimitedWriter extends Writer {

		private final StringBuilder text = new StringBuilder();

		private final long maxBytes;

		private long bytes;

		LimitedWriter(long maxBytes) {
			this.maxBytes = maxBytes;
		}

		@Override
		public void write(char[] chars, int offset, int length) {
			for (int i = offset; i < offset + length; i++) {
				char c = chars[i];
				this.bytes += (c < 0x80) ? 1 : (c < 0x800 || Character.isSurrogate(c)) ? 2 : 3;
			}
			if (this.bytes > this.maxBytes) {
				throw new LimitExceededException();
			}
			this.text.append(chars, offset, length);
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

		@Override
		public String toString() {
			return this.text.toString();
		}

		static final class LimitExceededException extends RuntimeException {

			LimitExceededException() {
				super("size limit exceeded", null, false, false);
			}

		}

	}

}
