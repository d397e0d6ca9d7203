package dev.healthstarter.core;

import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;

/**
 * Describes failures for health messages.
 */
public final class Throwables {

	/** Causes followed at most, so a chain that loops ends. */
	private static final int MAX_DEPTH = 32;

	private Throwables() {
	}

	/**
	 * The failure's class and the first message in its cause chain ({@code ConnectException} has none of its own):
	 * {@code java.net.ConnectException: Connection refused}. Never throws, even when a message cannot be read.
	 * @param failure the failure
	 * @return the description
	 */
	public static String describe(Throwable failure) {
		String message = firstMessage(failure);
		return failure.getClass().getName() + ((message != null) ? ": " + message : "");
	}

	/**
	 * The innermost cause that has a message, with its class ({@code java.net.ConnectException: Connection refused}
	 * rather than a wrapper's bare class name), else the failure's own class: the JDK HTTP client's
	 * {@code ConnectException} wraps a {@code ClosedChannelException}, and neither may have a message. The
	 * {@link CompletionException} around an asynchronous call's failure is skipped.
	 * @param failure the failure
	 * @return the description
	 */
	public static String describeRootCause(Throwable failure) {
		Throwable outer = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		Throwable described = outer;
		@Nullable String message = null;
		Throwable current = outer;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++, current = current.getCause()) {
			String own = message(current);
			if (own != null) {
				described = current;
				message = own;
			}
		}
		return described.getClass().getName() + ((message != null) ? ": " + message : "");
	}

	private static @Nullable String firstMessage(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			String message = message(current);
			if (message != null) {
				return message;
			}
		}
		return null;
	}

	/** A failure's message; user exceptions may compute it, and a {@code getMessage} that throws is reported too. */
	private static @Nullable String message(Throwable failure) {
		try {
			return failure.getMessage();
		}
		catch (RuntimeException | Error ex) {
			return "(getMessage() threw " + ex.getClass().getName() + ")";
		}
	}

}
