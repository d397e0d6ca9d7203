package dev.healthstarter.web.stream;

import java.util.concurrent.TimeUnit;

/**
 * When one subscriber's next heartbeat is due: after half a second of silence the first two times, so a client that
 * connected and went away is found within about a second, then after the heartbeat interval. Invariant: every write
 * restarts the silence. Written by the subscriber's writer, read by the ticker thread, which alone takes heartbeats.
 */
final class Heartbeats {

	/** The first heartbeats come soon after the first frame, so a client that connected and left is found. */
	private static final long EARLY_HEARTBEAT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

	private static final int EARLY_HEARTBEATS = 2;

	private volatile long lastSentNanos = System.nanoTime();

	private int earlyHeartbeats;

	/** Something was written to the client now. */
	void written() {
		this.lastSentNanos = System.nanoTime();
	}

	/**
	 * Whether a heartbeat is due, counting it as taken when it is. Called by the ticker thread only.
	 * @param now {@link System#nanoTime()}
	 * @param heartbeatNanos the heartbeat interval
	 * @return whether to send a heartbeat now
	 */
	boolean take(long now, long heartbeatNanos) {
		boolean early = this.earlyHeartbeats < EARLY_HEARTBEATS;
		if (now - this.lastSentNanos < (early ? EARLY_HEARTBEAT_NANOS : heartbeatNanos)) {
			return false;
		}
		if (early) {
			this.earlyHeartbeats++;
		}
		return true;
	}

}
