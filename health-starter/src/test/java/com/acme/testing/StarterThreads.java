package com.acme.testing;

import java.util.List;

/**
 * Counts the threads the starter owns, by the {@code health-} prefix every one of them is named with.
 * <p>
 * Tests count these rather than {@link Thread#activeCount()}: other cached test contexts and Tomcat's worker pool
 * own threads too, and their numbers move on their own.
 */
public final class StarterThreads {

	private StarterThreads() {
	}

	/**
	 * Returns how many live threads in this JVM are named {@code health-*}.
	 * @return the count of the starter's live threads
	 */
	public static int count() {
		return names().size();
	}

	/**
	 * Returns the names of the starter's live threads, sorted, for a failure's message.
	 * @return the names of the live threads named {@code health-*}
	 */
	public static List<String> names() {
		return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
			.filter((name) -> name.startsWith("health-")).sorted().toList();
	}

}
