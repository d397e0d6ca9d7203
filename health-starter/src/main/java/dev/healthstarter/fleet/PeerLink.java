package dev.healthstarter.fleet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;


import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The link to one peer: its {@code mode=changes} Server-Sent Events stream ({@link EventStreamReader}), read with the
 * JDK's HTTP client without a thread waiting on it. Each data frame gives the peer's overall state and each check's
 * state ({@link PeerFrames}); any line, a heartbeat comment included, shows the peer is alive. A link that ends, fails,
 * or sends a frame larger than {@link #MAX_FRAME_BYTES} or one that {@link PeerFrames} refuses reports the peer lost
 * and reconnects after a backoff (250 ms doubling to 2 s, ±20 %).
 * <p>
 * Invariants: a peer costs at most one attempt per 250 ms; what went wrong is logged once per peer at WARN until the
 * link works again, on one line ({@link PeerFailures}), never with a stack trace; at most one frame per
 * {@code coalesce} is applied ({@link PeerFrameCoalescing}); frames are applied, and the peer reported lost, on the
 * fleet's scheduler thread only, so they reach the fleet in the order they happened; a closed link never touches the
 * peer's state. Thread-safe.
 */
final class PeerLink {

	private static final Log logger = LogFactory.getLog(PeerLink.class);

	/** Largest frame read from a peer; its health body with every check's details is far below it. */
	static final int MAX_FRAME_BYTES = 256 * 1024;

	private static final long MIN_BACKOFF_MILLIS = 250;

	private static final long MAX_BACKOFF_MILLIS = 2000;

	/** The HTTP client's connect timeout (the watcher's), for the log line that says a peer never accepted. */
	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	/** How long a peer may take to answer the stream's request with its headers. */
	static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

	private final String key;

	private final HttpRequest request;

	private final HttpClient client;

	private final Fleet fleet;

	private final ScheduledExecutorService scheduler;

	private final PeerFrames frames;

	private final LongSupplier nanoTime;

	private volatile boolean closed;

	private volatile @Nullable FrameSubscriber current;

	/** When anything last arrived, on {@link #nanoTime}: the silence clock. */
	private final AtomicLong lastHeardNanos;

	/** Attempts since the last frame, for the backoff; touched by one attempt at a time. */
	private int failures;

	/** Whether the current failure was logged, so that a peer down for hours logs once. */
	private boolean warned;

	/** The frames held back to be applied at most one per {@code coalesce}; guarded by this. */
	private final PeerFrameCoalescing coalescing;

	/**
	 * @param key the peer's key
	 * @param stream the peer's stream URI
	 * @param token the bearer token to send, or {@code null}
	 * @param client the HTTP client
	 * @param fleet where the peer's states go
	 * @param scheduler runs the reconnects, and applies the frames and the losses
	 * @param frames reads the frames, bounded in content
	 * @param coalesce the shortest time between two frames applied to the fleet
	 * @param nanoTime the monotonic clock of the silence, {@link System#nanoTime()} but in tests
	 */
	PeerLink(String key, URI stream, @Nullable String token, HttpClient client, Fleet fleet,
			ScheduledExecutorService scheduler, PeerFrames frames, Duration coalesce, LongSupplier nanoTime) {
		this.key = key;
		HttpRequest.Builder request = HttpRequest.newBuilder(stream)
			.header("Accept", "text/event-stream")
			.timeout(ANSWER_TIMEOUT);
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		this.request = request.build();
		this.client = client;
		this.fleet = fleet;
		this.scheduler = scheduler;
		this.frames = frames;
		this.nanoTime = nanoTime;
		this.lastHeardNanos = new AtomicLong(nanoTime.getAsLong());
		this.coalescing = new PeerFrameCoalescing(coalesce, nanoTime);
	}

	String key() {
		return this.key;
	}

	/** Connects; the link then keeps itself connected until {@link #close}. */
	void open() {
		if (this.closed) {
			return;
		}
		this.lastHeardNanos.set(this.nanoTime.getAsLong());
		this.client.sendAsync(this.request, this::subscriber).whenComplete((response, failure) -> {
			if (failure == null && response.statusCode() == 404) {
				ended("answered HTTP 404 at " + this.request.uri().getRawPath() + ": no health stream there (is that "
						+ "the port that serves its health paths? With health.server.port set, list the health port)");
			}
			else if (failure == null && response.statusCode() != 200) {
				ended("answered HTTP " + response.statusCode());
			}
			else {
				ended((failure != null) ? PeerFailures.describe(failure) : "ended its stream");
			}
		});
	}

	/**
	 * @param now the link's clock ({@link System#nanoTime()})
	 * @param silence the longest silence allowed
	 * @return whether nothing arrived for longer than {@code silence}; the link is then restarted
	 */
	boolean restartIfSilent(long now, Duration silence) {
		if (now - this.lastHeardNanos.get() <= silence.toNanos()) {
			return false;
		}
		this.lastHeardNanos.set(now);
		FrameSubscriber stream = this.current;
		if (stream != null) {
			// ends the exchange; its completion reports the peer lost and reconnects
			stream.abort(new PeerFailures.LinkEnded("was silent for " + silence.toMillis() + " ms"));
		}
		lose();
		return true;
	}

	/**
	 * The watcher could not look for a while (its process was paused by SIGSTOP or a long GC, or its thread was
	 * busy): that time is not the peer's silence, as a process that does not run hears nothing. Moves the silence
	 * clock forward by that long, never past {@code now}.
	 * @param awayNanos how long the watcher was away
	 * @param now the link's clock ({@link System#nanoTime()})
	 */
	void excuse(long awayNanos, long now) {
		this.lastHeardNanos.updateAndGet((heard) -> Math.max(heard, Math.min(heard + awayNanos, now)));
	}

	/** Disconnects for good. */
	void close() {
		this.closed = true;
		FrameSubscriber stream = this.current;
		if (stream != null) {
			stream.abort(new PeerFailures.LinkEnded("was closed"));
		}
	}

	private HttpResponse.BodySubscriber<Void> subscriber(HttpResponse.ResponseInfo response) {
		if (response.statusCode() != 200) {
			return new RefusedBody();
		}
		FrameSubscriber stream = new FrameSubscriber();
		this.current = stream;
		return stream;
	}

	private void ended(String reason) {
		this.current = null;
		if (this.closed) {
			// the peer may be watched again by a new link already: a closed link never touches its state
			return;
		}
		long delay;
		boolean warn;
		synchronized (this) {
			warn = !this.warned;
			this.warned = true;
			long backoff = Math.min(MAX_BACKOFF_MILLIS, MIN_BACKOFF_MILLIS << Math.min(this.failures, 4));
			this.failures++;
			delay = (long) (backoff * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
		}
		if (warn) {
			logger.warn("Fleet peer " + this.key + " " + reason + "; it is unknown until it answers again, reconnecting "
					+ "with backoff (" + this.request.uri() + ")");
		}
		try {
			// after the frames applied or scheduled before, so that the loss is the newest word on the peer
			this.scheduler.execute(this::lose);
			this.scheduler.schedule(this::open, delay, TimeUnit.MILLISECONDS);
		}
		catch (RuntimeException ex) {
			// the scheduler stopped: the fleet stops with the application
		}
	}

	/** On the scheduler's thread: the peer is unknown, and a frame held from before is dropped. */
	private void lose() {
		synchronized (this) {
			this.coalescing.drop();
		}
		if (!this.closed) {
			this.fleet.lost(this.key);
		}
	}

	/**
	 * Holds the frame, and has it applied on the scheduler's thread once {@code coalesce} passed since the last. A
	 * frame of an exchange aborted meanwhile is dropped: its loss may be reported already, and the frame is older.
	 */
	private void framed(PeerFrames.Frame frame, FrameSubscriber stream) {
		boolean wasWarned;
		long delay;
		synchronized (this) {
			// the abort is written before the loss clears the held frame under this lock: a frame held after that
			// clearing sees it
			if (stream.aborted) {
				return;
			}
			wasWarned = this.warned;
			this.warned = false;
			this.failures = 0;
			delay = this.coalescing.hold(frame);
		}
		if (wasWarned) {
			logger.info("Fleet peer " + this.key + " is reachable again");
		}
		if (delay >= 0) {
			try {
				this.scheduler.schedule(this::apply, delay, TimeUnit.NANOSECONDS);
			}
			catch (RuntimeException ex) {
				// the scheduler stopped: the fleet stops with the application
				synchronized (this) {
					this.coalescing.notScheduled();
				}
			}
		}
	}

	/** On the scheduler's thread: applies the newest frame held, if any. */
	private void apply() {
		PeerFrames.Frame frame;
		synchronized (this) {
			frame = this.coalescing.take();
		}
		if (frame != null && !this.closed) {
			this.fleet.report(this.key, frame.status(), frame.checks());
		}
	}

	/**
	 * One exchange's body: its events ({@link EventStreamReader}, bounded to {@link #MAX_FRAME_BYTES}) become frames
	 * of the link, until the exchange ends or the link aborts it.
	 */
	private final class FrameSubscriber implements HttpResponse.BodySubscriber<Void> {

		private final CompletableFuture<Void> body = new CompletableFuture<>();

		private final EventStreamReader reader = new EventStreamReader(MAX_FRAME_BYTES,
				(data) -> framed(PeerLink.this.frames.read(data), this));

		private volatile Flow.@Nullable Subscription subscription;

		/**
		 * Whether the link ended this exchange. Written before {@link #subscription} is read, and read after it is
		 * written, so an abort that comes between the headers and {@link #onSubscribe} is seen by one side or both,
		 * and the subscription is cancelled either way (cancelling twice is harmless).
		 */
		private volatile boolean aborted;

		@Override
		public CompletionStage<Void> getBody() {
			return this.body;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			if (this.aborted) {
				subscription.cancel();
				return;
			}
			if (PeerLink.this.closed) {
				abort(new PeerFailures.LinkEnded("was closed"));
				return;
			}
			subscription.request(1);
		}

		/** Ends the exchange: cancelling alone would leave the response's future incomplete. */
		void abort(RuntimeException reason) {
			this.aborted = true;
			Flow.Subscription subscription = this.subscription;
			if (subscription != null) {
				subscription.cancel();
			}
			this.body.completeExceptionally(reason);
		}

		@Override
		public void onNext(List<ByteBuffer> buffers) {
			if (this.aborted) {
				return;
			}
			try {
				for (ByteBuffer buffer : buffers) {
					this.reader.read(buffer);
				}
			}
			catch (RuntimeException ex) {
				abort(ex);
				return;
			}
			PeerLink.this.lastHeardNanos.set(PeerLink.this.nanoTime.getAsLong());
			if (!PeerLink.this.closed) {
				PeerLink.this.fleet.heard(PeerLink.this.key);
			}
			Flow.Subscription subscription = this.subscription;
			if (subscription != null) {
				subscription.request(1);
			}
		}

		@Override
		public void onError(Throwable throwable) {
			this.body.completeExceptionally(throwable);
		}

		@Override
		public void onComplete() {
			this.body.complete(null);
		}

	}

}
