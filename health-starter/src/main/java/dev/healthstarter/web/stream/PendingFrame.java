package dev.healthstarter.web.stream;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * The one frame waiting to be written to a subscriber. Invariants: a newer data frame replaces an unsent older one (a
 * slow reader gets the newest state, never a backlog) and a frame older than one already offered is dropped (frames
 * are built on several writer threads); a heartbeat never replaces a frame; the last frame is always taken and
 * nothing is taken after it; an unsent first frame's {@code retry:} field goes with the frame that replaces it; in
 * {@link StreamMode#CHANGES} a frame that shows nothing new is dropped. Data frames are offered under this object's
 * lock; frames are taken without it, by one drain at a time. Thread-safe.
 */
final class PendingFrame {

	private final AtomicReference<@Nullable StreamFrame> pending = new AtomicReference<>();

	private final StreamMode mode;

	private long newestId;

	private boolean ended;

	private String lastSignature = "";

	/** Whether a data frame was queued: no heartbeat comes before the first frame. */
	private volatile boolean dataQueued;

	/**
	 * @param mode the subscriber's mode
	 */
	PendingFrame(StreamMode mode) {
		this.mode = mode;
	}

	/**
	 * Makes a data frame the pending one; atomic, so an older frame never replaces a newer one. The last frame is
	 * always taken, whatever its id (frames built while the stream was stopping may carry larger ones), and nothing
	 * is taken after it.
	 * @param frame the frame
	 * @return whether it is now the pending frame
	 */
	synchronized boolean queue(StreamFrame frame) {
		if (this.ended || (!frame.last() && frame.id() < this.newestId)) {
			return false;
		}
		this.ended = frame.last();
		this.newestId = Math.max(this.newestId, frame.id());
		if (this.mode == StreamMode.CHANGES && !frame.last()) {
			if (frame.signature().equals(this.lastSignature)) {
				return false;
			}
			this.lastSignature = frame.signature();
		}
		replacePending(frame);
		this.dataQueued = true;
		return true;
	}

	/**
	 * Makes a data frame the pending one in one atomic step: an unsent first frame's {@code retry:} field goes with the
	 * frame that replaces it, so a drain takes either the first frame or its replacement with the field, never the
	 * replacement without it. Called under the lock of {@link #queue}; the drain takes frames without it.
	 */
	private void replacePending(StreamFrame frame) {
		StreamFrame withReconnect = null;
		while (true) {
			StreamFrame replaced = this.pending.get();
			Duration reconnect = (replaced != null) ? replaced.reconnect() : null;
			StreamFrame next = frame;
			if (reconnect != null && frame.reconnect() == null) {
				if (withReconnect == null || !reconnect.equals(withReconnect.reconnect())) {
					withReconnect = frame.withReconnect(reconnect);
				}
				next = withReconnect;
			}
			if (this.pending.compareAndSet(replaced, next)) {
				return;
			}
		}
	}

	/**
	 * Makes a heartbeat (or the completion) the pending frame when none is pending.
	 * @param frame the heartbeat
	 * @return whether it is now the pending frame
	 */
	boolean offerIfEmpty(StreamFrame frame) {
		return this.pending.compareAndSet(null, frame);
	}

	/**
	 * @return the pending frame, left pending, or {@code null}
	 */
	@Nullable StreamFrame peek() {
		return this.pending.get();
	}

	/**
	 * @return the pending frame, no longer pending, or {@code null}
	 */
	@Nullable StreamFrame take() {
		return this.pending.getAndSet(null);
	}

	/** Makes {@link StreamFrame#COMPLETE} the pending frame, once the last frame was written. */
	void completeNext() {
		this.pending.set(StreamFrame.COMPLETE);
	}

	/**
	 * @return whether a data frame was ever queued
	 */
	boolean dataQueued() {
		return this.dataQueued;
	}

}
