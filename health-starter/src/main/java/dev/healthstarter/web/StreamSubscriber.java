package dev.healthstarter.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open stream: its group, interval and mode, and at most one frame waiting to be written (a newer frame
 * replaces an unsent older one, so a slow reader gets the newest state, never a backlog). Writes happen on the
 * writer executor, one at a time per subscriber; a failed write ends the subscription without logging, as the
 * client has simply gone. Thread-safe.
 */
final class StreamSubscriber {

	private final SseEmitter emitter;

	private final View view;

	private final long intervalNanos;

	private final StreamMode mode;

	private final Consumer<StreamSubscriber> onGone;

	private final AtomicReference<@Nullable StreamFrame> pending = new AtomicReference<>();

	private final AtomicBoolean draining = new AtomicBoolean();

	private long newestId;

	private boolean ended;

	private String lastSignature = "";

	private volatile long lastSentNanos;

	private volatile boolean open;

	private long nextDueNanos;

	StreamSubscriber(SseEmitter emitter, View view, Duration interval, StreamMode mode,
			Consumer<StreamSubscriber> onGone) {
		this.emitter = emitter;
		this.view = view;
		this.intervalNanos = interval.toNanos();
		this.mode = mode;
		this.onGone = onGone;
		long now = System.nanoTime();
		this.lastSentNanos = now;
		this.nextDueNanos = now + this.intervalNanos;
	}

	View view() {
		return this.view;
	}

	StreamMode mode() {
		return this.mode;
	}

	/**
	 * Its first frame is being offered (under the broadcaster's frame lock): pushed and poll frames may follow.
	 */
	void opened() {
		this.open = true;
	}

	boolean isOpen() {
		return this.open;
	}

	SseEmitter emitter() {
		return this.emitter;
	}

	/**
	 * Whether a new evaluation is due; if so, schedules the next one. Called by the ticker thread only.
	 * @param now {@link System#nanoTime()}
	 * @return {@code true} when due
	 */
	boolean takeDue(long now) {
		if (now < this.nextDueNanos) {
			return false;
		}
		this.nextDueNanos = Math.max(this.nextDueNanos + this.intervalNanos, now + this.intervalNanos / 2);
		return true;
	}

	/**
	 * @param now {@link System#nanoTime()}
	 * @param heartbeatNanos the heartbeat interval
	 * @return whether nothing was written for a heartbeat interval
	 */
	boolean isIdle(long now, long heartbeatNanos) {
		return now - this.lastSentNanos >= heartbeatNanos;
	}

	/**
	 * Queues a frame, replacing an unsent one; a heartbeat never replaces a frame, and nothing replaces the last
	 * frame. A frame older than one already offered is dropped (frames are built on several writer threads), so a
	 * subscriber never sees an older state after a newer one. In {@link StreamMode#CHANGES} mode a frame that shows
	 * nothing new is dropped.
	 * @param frame the frame
	 * @param writers where the write runs
	 */
	void offer(StreamFrame frame, Executor writers) {
		if (frame.isHeartbeat()) {
			if (!this.pending.compareAndSet(null, frame)) {
				return;
			}
		}
		else if (!queue(frame)) {
			return;
		}
		if (this.draining.compareAndSet(false, true)) {
			try {
				writers.execute(this::drain);
			}
			catch (RejectedExecutionException ex) {
				// the writers stopped (shutdown): nothing will ever be written to this subscriber again
				this.draining.set(false);
				this.onGone.accept(this);
			}
		}
	}

	/**
	 * Makes a data frame the pending one; atomic, so an older frame never replaces a newer one. The last frame is
	 * always taken, whatever its id (frames built while the stream was stopping may carry larger ones), and nothing
	 * is taken after it.
	 */
	private synchronized boolean queue(StreamFrame frame) {
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
		this.pending.set(frame);
		return true;
	}

	private void drain() {
		while (true) {
			StreamFrame frame = this.pending.getAndSet(null);
			if (frame == null) {
				this.draining.set(false);
				if (this.pending.get() == null || !this.draining.compareAndSet(false, true)) {
					return;
				}
				continue;
			}
			try {
				this.emitter.send(frame.event());
				this.lastSentNanos = System.nanoTime();
				if (frame.last()) {
					this.emitter.complete();
					this.onGone.accept(this);
					return;
				}
			}
			catch (IOException | IllegalStateException ex) {
				// The client went away; the container completes the async request itself.
				this.onGone.accept(this);
				return;
			}
			catch (RuntimeException ex) {
				// Any other failure to write ends this stream alone, and its subscriber with it.
				this.onGone.accept(this);
				this.emitter.complete();
				return;
			}
		}
	}

	/**
	 * What a subscriber sees: one group, with or without its checks. Subscribers with equal views share frames.
	 *
	 * @param group the group, or {@code null} for every check
	 * @param showDetails whether the checks are shown
	 */
	record View(@Nullable String group, boolean showDetails) {
	}

}
