package dev.healthstarter.web.stream;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The broadcaster's pass over its subscribers, every few ticks: sends due heartbeats and aborts the streams whose
 * client stopped reading for the write timeout (counted as an eviction), or never took the first frame. Invariant: a
 * stream is aborted, never waited for. Run by the ticker thread only; the eviction count is thread-safe.
 */
final class StreamSweep {

	/**
	 * Longest wait for a connection to take its first frame: one that never becomes writable lost its client before
	 * the container called back (a connect-and-close loop), and is closed without waiting for the write timeout.
	 */
	private static final long FIRST_WRITE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);

	private final long heartbeatNanos;

	private final long writeTimeoutNanos;

	private final AtomicLong evictions = new AtomicLong();

	/**
	 * @param limits the heartbeat and the write timeout
	 */
	StreamSweep(StreamLimits limits) {
		this.heartbeatNanos = limits.heartbeat().toNanos();
		this.writeTimeoutNanos = limits.writeTimeout().toNanos();
	}

	/**
	 * @param subscribers the open subscribers
	 * @param now {@link System#nanoTime()}
	 */
	void sweep(Iterable<StreamSubscriber> subscribers, long now) {
		for (StreamSubscriber subscriber : subscribers) {
			if (subscriber.blockedLongerThan(now, this.writeTimeoutNanos)) {
				this.evictions.incrementAndGet();
				subscriber.abort();
			}
			else if (!subscriber.hasWritten() && subscriber.blockedLongerThan(now, FIRST_WRITE_TIMEOUT_NANOS)) {
				subscriber.abort();
			}
			else if (subscriber.takeHeartbeat(now, this.heartbeatNanos)) {
				subscriber.offer(StreamFrame.HEARTBEAT);
			}
		}
	}

	/**
	 * @return how many subscribers were aborted because their client stopped reading
	 */
	long evictions() {
		return this.evictions.get();
	}

}
