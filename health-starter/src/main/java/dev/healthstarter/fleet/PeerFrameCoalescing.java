package dev.healthstarter.fleet;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * At most one of a peer's frames per {@code coalesce} applied to the fleet: a frame that arrives sooner is held, a
 * newer one replaces it, and the one held when the time is up is applied then (the first frame after a quiet spell at
 * once). Invariants: at most one frame is held, and at most one apply is scheduled. Not thread-safe: used under its
 * {@link PeerLink}'s lock only, which also orders a held frame against the peer's loss.
 */
final class PeerFrameCoalescing {

	/** Shortest time between two frames applied to the fleet, in nanoseconds. */
	private final long coalesceNanos;

	private final LongSupplier nanoTime;

	/** The newest frame not applied yet. */
	private PeerFrames.@Nullable Frame held;

	/** Whether a task that applies {@link #held} is scheduled. */
	private boolean applying;

	/** When a frame was last applied, on {@link #nanoTime}. */
	private long appliedNanos;

	/**
	 * @param coalesce the shortest time between two frames applied to the fleet; zero applies each at once
	 * @param nanoTime the link's monotonic clock
	 */
	PeerFrameCoalescing(Duration coalesce, LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
		this.coalesceNanos = coalesce.toNanos();
		this.appliedNanos = nanoTime.getAsLong() - this.coalesceNanos;
	}

	/**
	 * Holds a frame, replacing one held.
	 * @param frame the newest frame
	 * @return in how many nanoseconds to apply it, or {@code -1} when an apply is scheduled already
	 */
	long hold(PeerFrames.Frame frame) {
		this.held = frame;
		if (this.applying) {
			return -1;
		}
		this.applying = true;
		return Math.max(0, this.appliedNanos + this.coalesceNanos - this.nanoTime.getAsLong());
	}

	/**
	 * The scheduled apply runs: takes the frame held.
	 * @return the frame to apply now, or {@code null} when none is held
	 */
	PeerFrames.@Nullable Frame take() {
		PeerFrames.Frame frame = this.held;
		this.held = null;
		this.applying = false;
		if (frame != null) {
			this.appliedNanos = this.nanoTime.getAsLong();
		}
		return frame;
	}

	/** The apply that {@link #hold} asked for could not be scheduled. */
	void notScheduled() {
		this.applying = false;
	}

	/** The peer was lost: a frame held from before is dropped. */
	void drop() {
		this.held = null;
	}

}
