package dev.healthstarter.web.stream;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The broadcaster's pass over its subscribers, every few ticks: sends due heartbeats and aborts (evicts) the streams
 * whose pending frame was not taken for the write timeout, the first frame included. A first frame waits for its
 * request to leave the application's filters and for the container's first write callback, so a request that leaves
 * them late is not cut short; a client that left before its first frame is found when that frame's write fails.
 * Invariant: a stream is aborted, never waited for. Run by the ticker thread only; the eviction count is thread-safe.
 */
final class StreamSweep {

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
			else if (subscriber.takeHeartbeat(now, this.heartbeatNanos)) {
				subscriber.offer(StreamFrame.HEARTBEAT);
			}
		}
	}

	/**
	 * @return how many subscribers were aborted because a frame was not taken for the write timeout
	 */
	long evictions() {
		return this.evictions.get();
	}

}
