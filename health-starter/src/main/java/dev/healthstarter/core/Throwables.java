package dev.healthstarter.core;

import org.jspecify.annotations.Nullable;

/**
 * Describes failures for health messages.
 */
public final class Throwables {

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
	 * The root cause's class and message (or the first message in the chain when the root has none):
	 * {@code java.net.ConnectException: Connection refused} rather than a wrapper's bare class name.
	 * @param failure the failure
	 * @return the description
	 */
	public static String describeRootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (message(root) != null) ? message(root) : firstMessage(failure);
		return root.getClass().getName() + ((message != null) ? ": " + message : "");
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
