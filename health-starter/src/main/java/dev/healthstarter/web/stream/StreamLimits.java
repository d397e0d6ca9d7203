package dev.healthstarter.web.stream;

import java.time.Duration;

/**
 * The bounds of the health streams ({@code health.stream.*}).
 *
 * @param maxSubscribers most open streams of clients in all; more are refused with 503
 * @param maxSubscribersPerClient most open streams per client address; more are refused with 503
 * @param heartbeat longest silence before a heartbeat comment
 * @param writeTimeout longest wait for a client to take a frame before its stream is closed
 * @param authorizedLifetime how long a stream lasts whose caller sees more than an anonymous caller would
 */
public record StreamLimits(int maxSubscribers, int maxSubscribersPerClient, Duration heartbeat, Duration writeTimeout,
		Duration authorizedLifetime) {

	/**
	 * Heap held by one open subscriber on Tomcat, its connection included: 2,000 {@code mode=changes} streams held
	 * 103 KB each after a full GC (bench/README.md, "Memory per subscriber").
	 */
	public static final long SUBSCRIBER_BYTES = 105 * 1024;

	/**
	 * The default of {@code health.stream.max-subscribers}: what a quarter of the heap holds at the measured
	 * memory cost of one subscriber ({@value #SUBSCRIBER_BYTES} bytes, its connection in the servlet container
	 * included; see bench/README.md), at most 10,000.
	 * @param maxHeapBytes the heap's limit ({@link Runtime#maxMemory()})
	 * @return the number of subscribers, at least 1
	 */
	public static int defaultMaxSubscribers(long maxHeapBytes) {
		return (int) Math.max(1, Math.min(10_000, maxHeapBytes / 4 / SUBSCRIBER_BYTES));
	}

}
