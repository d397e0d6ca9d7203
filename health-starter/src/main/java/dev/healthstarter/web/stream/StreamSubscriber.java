package dev.healthstarter.web.stream;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.healthstarter.web.Shown;
import org.jspecify.annotations.Nullable;

/**
 * One open stream: its group, interval and mode, its writes, and the end of its connection. Invariants: at most one
 * frame waits to be written ({@link PendingFrame}: a slow reader gets the newest state, never a backlog); a frame is
 * written only when its {@link StreamConnection} is ready, so no thread waits on a client that stops reading (the
 * subscriber keeps its one pending frame, and {@link #blockedLongerThan} tells the broadcaster when to evict it);
 * writes run on the writer executor, one at a time per subscriber, and the connection is ended (completed or
 * aborted) only when no write is under way; a failed write ends the subscription without logging, as the client has
 * simply gone. Thread-safe.
 */
public final class StreamSubscriber {

	private static final int NO_END = 0;

	private static final int COMPLETE = 1;

	/** Larger than {@link #COMPLETE}: an abort asked for wins over a completion asked for. */
	private static final int ABORT = 2;

	private final StreamWriter writer;

	private final StreamConnection connection;

	private final View view;

	private final String client;

	private final long intervalNanos;

	private final StreamMode mode;

	private final Executor writers;

	private final Consumer<StreamSubscriber> onGone;

	private final PendingFrame pending;

	private final Heartbeats heartbeats;

	/**
	 * The writer's token: held by the drain that writes, and kept for good by whoever ends the connection, so the
	 * connection is never completed or aborted while a frame is being written (a Servlet response is not thread-safe,
	 * and a completed one is recycled by its container).
	 */
	private final AtomicBoolean draining = new AtomicBoolean();

	/** How the connection ends once no write is under way: {@link #NO_END}, {@link #COMPLETE} or {@link #ABORT}. */
	private final AtomicInteger endRequest = new AtomicInteger(NO_END);

	/** Whether the holder of the writer's token ended the connection: nothing is written to it again. */
	private volatile boolean connectionEnded;

	/** Counts the connection's "writable" callbacks, so a drain that found it not ready sees one that came since. */
	private final AtomicLong writableSignals = new AtomicLong();

	private volatile int pollSlot;

	/** The value of {@link #writableSignals} when the connection last said it could not take a write; -1 before. */
	private volatile long unreadyAtSignal = -1;

	/** When a drain first found a frame it could not write, or 0 while the client keeps up. */
	private volatile long blockedSinceNanos;

	private volatile boolean open;

	private volatile boolean gone;

	/**
	 * @param writer writes the stream's frames
	 * @param connection tells when a frame can be written
	 * @param view what the subscriber sees
	 * @param client the remote address the subscriber is counted against
	 * @param interval its {@code poll_interval}
	 * @param mode what it gets after the first frame
	 * @param writers where writes run
	 * @param onGone called once when the subscriber ends, whatever ended it
	 */
	StreamSubscriber(StreamWriter writer, StreamConnection connection, View view, String client, Duration interval,
			StreamMode mode, Executor writers, Consumer<StreamSubscriber> onGone) {
		this.writer = writer;
		this.connection = connection;
		this.view = view;
		this.client = client;
		this.intervalNanos = interval.toNanos();
		this.mode = mode;
		this.pending = new PendingFrame(mode);
		this.writers = writers;
		this.onGone = onGone;
		this.heartbeats = new Heartbeats();
		connection.listen(this::writable, (failure) -> failed());
	}

	View view() {
		return this.view;
	}

	String client() {
		return this.client;
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

	boolean isGone() {
		return this.gone;
	}

	long intervalNanos() {
		return this.intervalNanos;
	}

	/** @return the phase of its interval whose tick it shares ({@link StreamIndex}) */
	int pollSlot() {
		return this.pollSlot;
	}

	/** @param slot the phase of its interval, set by {@link StreamIndex} once, before any tick can see it */
	void pollSlot(int slot) {
		this.pollSlot = slot;
	}

	/**
	 * Whether a heartbeat is due: nothing was written since the first frame for half a second (the first two
	 * times, so a client that connected and went away is found within about a second), then for the heartbeat
	 * interval. None is taken while a frame waits to be written, which the heartbeat could not replace: a first frame
	 * written late (its request left the application's filters late) still gets both early heartbeats after it.
	 * Called by the ticker thread only.
	 * @param now {@link System#nanoTime()}
	 * @param heartbeatNanos the heartbeat interval
	 * @return whether to send a heartbeat now
	 */
	boolean takeHeartbeat(long now, long heartbeatNanos) {
		return this.open && this.pending.dataQueued() && this.pending.peek() == null
				&& this.heartbeats.take(now, heartbeatNanos);
	}

	/**
	 * @param now {@link System#nanoTime()}
	 * @param timeoutNanos the write timeout
	 * @return whether a frame has been waiting for the client to read for longer than the write timeout
	 */
	boolean blockedLongerThan(long now, long timeoutNanos) {
		long since = this.blockedSinceNanos;
		return since != 0 && now - since > timeoutNanos;
	}

	/**
	 * Queues a frame, replacing an unsent one; a heartbeat never replaces a frame, and nothing replaces the last
	 * frame. A frame older than one already offered is dropped (frames are built on several writer threads), so a
	 * subscriber never sees an older state after a newer one. In {@link StreamMode#CHANGES} mode a frame that shows
	 * nothing new is dropped.
	 * @param frame the frame
	 */
	void offer(StreamFrame frame) {
		if (frame.isHeartbeat()) {
			if (!this.pending.offerIfEmpty(frame)) {
				return;
			}
		}
		else if (!this.pending.queue(frame)) {
			return;
		}
		schedule();
	}

	/**
	 * Queues a data frame and writes it on the calling writer thread unless a write of this subscriber is already
	 * under way (which then writes it), for writer tasks that serve a batch of subscribers.
	 * @param frame the frame
	 */
	void offerAndWrite(StreamFrame frame) {
		if (this.pending.queue(frame) && !this.gone && this.draining.compareAndSet(false, true)) {
			drain();
		}
	}

	/**
	 * Ends the stream at once, without waiting for its client (the write timeout, shutdown past its second): its
	 * connection is aborted ({@link StreamConnection#abort()}), whatever it has not sent. Also for a subscriber that
	 * already ended: a response that is still open (a last frame its client stopped taking) is closed, one that ended
	 * is left alone.
	 */
	void abort() {
		end();
		requestEnd(ABORT);
	}

	/**
	 * The connection failed (the client went away; a container thread): ends the subscription and completes the
	 * request once no write is under way. Tomcat completes it itself; Jetty would hold it (and a graceful shutdown)
	 * until its async timeout, the stream's lifetime. On WebFlux this is also how a {@code Flux} that ended (its
	 * lifetime) reports, so it must not abort.
	 */
	private void failed() {
		end();
		requestEnd(COMPLETE);
	}

	/**
	 * Asks for the connection to end: at once on a writer thread when no write is under way, else by the drain as it
	 * leaves. A connection the writer already ended is aborted again when asked (a response completed after a last
	 * frame its client stopped taking), as nothing is written to it any more.
	 */
	private void requestEnd(int how) {
		this.endRequest.accumulateAndGet(how, Math::max);
		if (!tryEnd() && how == ABORT && this.connectionEnded) {
			endOnWriter(ABORT);
		}
	}

	/**
	 * Ends the connection as asked if no write is under way, taking the writer's token for good.
	 * @return whether it was taken here
	 */
	private boolean tryEnd() {
		if (this.endRequest.get() == NO_END || !this.draining.compareAndSet(false, true)) {
			return false;
		}
		endOnWriter(this.endRequest.get());
		return true;
	}

	/** Ends the connection on a writer thread (the container's work stays off the caller's), else on this one. */
	private void endOnWriter(int how) {
		try {
			this.writers.execute(() -> endConnection(how));
		}
		catch (RejectedExecutionException ex) {
			endConnection(how);
		}
	}

	/**
	 * Ends the connection, by whoever holds the writer's token for good (or when it was already ended): completes it,
	 * or aborts it when an abort was asked for meanwhile.
	 */
	private void endConnection(int how) {
		this.connectionEnded = true;
		if (Math.max(how, this.endRequest.get()) == ABORT) {
			if (!this.connection.abort()) {
				this.writer.complete();
			}
		}
		else if (!this.connection.complete()) {
			this.writer.complete();
		}
	}

	/**
	 * @return whether its stream is over: the subscription ended and the server is done with the response
	 * ({@link StreamConnection#isDone()}), so aborting it would cut nothing a client still reads
	 */
	boolean isDone() {
		return this.gone && this.connection.isDone();
	}

	/** Ends the subscription, once: the client went away or the stream was closed. */
	public void end() {
		if (!this.gone) {
			this.gone = true;
			this.onGone.accept(this);
		}
	}

	/**
	 * Whether the connection can take a write now. Once it said no, it is not asked again until it called back
	 * ({@code onWritePossible}, which the Servlet contract promises after an {@code isReady()} that returned
	 * {@code false}): asking a container again registers the socket for writing again (a poller event in Tomcat
	 * each time), which a stalled client would cost at every frame offered to it.
	 * @param signal {@link #writableSignals} read before this call
	 */
	private boolean ready(long signal) {
		if (signal == this.unreadyAtSignal) {
			return false;
		}
		if (this.connection.isReady()) {
			return true;
		}
		this.unreadyAtSignal = signal;
		return false;
	}

	/** The connection can take a write again (a container thread, or the subscriber's constructor). */
	private void writable() {
		this.writableSignals.incrementAndGet();
		if (this.connection.flushSkipped()) {
			// bytes wait in the container's buffer: a heartbeat's write flushes them
			this.pending.offerIfEmpty(StreamFrame.HEARTBEAT);
		}
		if (this.pending.peek() != null) {
			schedule();
		}
	}

	private void schedule() {
		if (this.gone || !this.draining.compareAndSet(false, true)) {
			return;
		}
		try {
			this.writers.execute(this::drain);
		}
		catch (RejectedExecutionException ex) {
			// the writers stopped (shutdown): nothing will ever be written to this subscriber again
			this.draining.set(false);
			end();
		}
	}

	/**
	 * Writes pending frames while the connection is ready; when it is not, leaves the frame pending until the
	 * connection calls back. One drain runs at a time.
	 */
	private void drain() {
		while (!this.gone) {
			long signal = this.writableSignals.get();
			StreamFrame frame = this.pending.peek();
			if (frame == null || !ready(signal)) {
				if (frame != null && this.blockedSinceNanos == 0) {
					this.blockedSinceNanos = System.nanoTime();
				}
				this.draining.set(false);
				// A frame offered, or a callback from the connection, after the reads above: drain again.
				boolean again = (frame == null) ? this.pending.peek() != null : this.writableSignals.get() != signal;
				if (again && this.draining.compareAndSet(false, true)) {
					continue;
				}
				// an end asked for while this drain held the token
				tryEnd();
				return;
			}
			// the newest pending frame: only this drain takes frames, so there is one
			StreamFrame newest = this.pending.take();
			this.blockedSinceNanos = 0;
			if (newest != null && !write(newest)) {
				return;
			}
		}
		this.draining.set(false);
		// an end asked for while this drain held the token
		tryEnd();
	}

	/**
	 * Writes a frame, holding the writer's token; an end it makes keeps the token for good.
	 * @return whether more frames may follow
	 */
	private boolean write(StreamFrame frame) {
		if (frame == StreamFrame.COMPLETE) {
			end();
			endConnection(COMPLETE);
			return false;
		}
		try {
			this.writer.send(frame);
			this.heartbeats.written();
			if (frame.last()) {
				// completed once the connection has taken it
				this.pending.completeNext();
			}
			return true;
		}
		catch (IOException | IllegalStateException ex) {
			// the client went away
			end();
			endConnection(COMPLETE);
			return false;
		}
		catch (RuntimeException ex) {
			// Any other failure to write ends this stream alone, and its subscriber with it: what the client got of the
			// frame is unknown, so the connection is aborted rather than ended as if the frame were whole.
			end();
			endConnection(ABORT);
			return false;
		}
	}

	/**
	 * What a subscriber sees: one group, or the fleet, shown to one level. Subscribers with equal views share frames.
	 *
	 * @param group the group, or {@code null} for every check (and for the fleet)
	 * @param shown what of the checks is shown
	 * @param fleet whether it is the fleet ({@code /health/fleet/$stream}) rather than a group
	 */
	record View(@Nullable String group, Shown shown, boolean fleet) {

		/**
		 * A group's view.
		 * @param group the group, or {@code null} for every check
		 * @param shown what of the checks is shown
		 */
		View(@Nullable String group, Shown shown) {
			this(group, shown, false);
		}

	}

}
