package dev.healthstarter.web.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.HealthExecutors;
import dev.healthstarter.core.PeriodicTask;
import dev.healthstarter.web.FleetBodies;
import dev.healthstarter.web.HealthBodies;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.web.ErrorResponseException;

/**
 * Serves every health stream subscriber from shared evaluations, as Server-Sent Events (WHATWG HTML, "Server-sent
 * events"); DESIGN.md ("How the stream stays fair") is the long form. One ticker thread ({@link PeriodicTask}, every
 * 50 ms) evaluates the groups of due {@link StreamMode#POLL} subscribers ({@link StreamIndex}) and of watched
 * {@link StreamMode#CHANGES} ones, which the engine's notifier pushes changes to ({@link ChangePusher}); frames
 * ({@link StreamFrames}) are written in batches on the writer threads. Admission ({@link StreamAdmission}), the sweep
 * ({@link StreamSweep}) and shutdown ({@link StreamShutdown}) are classes of their own.
 * <p>
 * Invariants: no thread and no scheduled task per subscriber, and no thread ever waits on a client; a run of the
 * ticker that throws anything keeps the schedule; a frame with a larger id never shows an older report; a stream
 * lasts 30 minutes, or {@code health.stream.authorized-lifetime} when the caller sees more than an anonymous caller
 * would; {@link #stop()} ends every stream within a second, before the web server's graceful shutdown. Thread-safe.
 */
public final class HealthStreamBroadcaster implements SmartLifecycle, AutoCloseable {

	private static final Log logger = LogFactory.getLog(HealthStreamBroadcaster.class);

	private static final long TICK_MILLIS = 50;

	/** Heartbeats and write timeouts are checked every 5 ticks (250 ms), by one pass over the subscribers. */
	private static final int SWEEP_TICKS = 5;

	/** The fewest subscribers one writer task serves, so a frame to few subscribers stays one task. */
	private static final int MIN_BATCH = 64;

	private static final Duration LIFETIME = Duration.ofMinutes(30);

	private final HealthEngine engine;

	private final StreamLimits limits;

	private final Set<StreamSubscriber> subscribers = ConcurrentHashMap.newKeySet();

	private final StreamIndex index = new StreamIndex();

	private final int writerThreads;

	/** Ticks since start, so that heartbeats and the write timeout are checked every {@link #SWEEP_TICKS}. */
	private long ticks;

	private final StreamAdmission admission;

	private final StreamSweep sweep;

	/** Builds the frames; its lock also guards the index's watchers of a change ({@link #watchers}). */
	private final StreamFrames frames;

	private final AsyncTaskExecutor writers;

	private final @Nullable FleetBodies fleet;

	private volatile @Nullable ScheduledExecutorService ticker;

	/** Run at the start of every tick, so a test can make a run of the ticker fail; {@code null} outside tests. */
	private volatile @Nullable Runnable tickTask;

	private volatile boolean stopped;

	/**
	 * @param engine evaluates the groups
	 * @param bodies serializes the frames' JSON (the same body as {@code GET /health}, once per snapshot)
	 * @param limits the subscriber caps, heartbeat and write timeout
	 * @param maxPlatformWriterThreads most threads writing frames, without virtual threads
	 * @param virtualThreads whether frames are written on virtual threads (the application's
	 * {@code spring.threads.virtual.enabled}, Java 21+)
	 * @param clock the clock for the last frame's timestamps
	 */
	public HealthStreamBroadcaster(HealthEngine engine, HealthBodies bodies, StreamLimits limits,
			int maxPlatformWriterThreads, boolean virtualThreads, Clock clock) {
		this(engine, bodies, null, limits, maxPlatformWriterThreads, virtualThreads, clock);
	}

	/**
	 * @param engine evaluates the groups
	 * @param bodies serializes the frames' JSON (the same body as {@code GET /health}, once per snapshot)
	 * @param fleet serializes the fleet's frames ({@code /health/fleet/$stream}), or {@code null} without a fleet
	 * @param limits the subscriber caps, heartbeat and write timeout
	 * @param maxPlatformWriterThreads most threads writing frames, without virtual threads
	 * @param virtualThreads whether frames are written on virtual threads (the application's
	 * {@code spring.threads.virtual.enabled}, Java 21+)
	 * @param clock the clock for the last frame's timestamps
	 */
	public HealthStreamBroadcaster(HealthEngine engine, HealthBodies bodies, @Nullable FleetBodies fleet,
			StreamLimits limits, int maxPlatformWriterThreads, boolean virtualThreads, Clock clock) {
		this.engine = engine;
		this.fleet = fleet;
		this.limits = limits;
		this.admission = new StreamAdmission(limits.maxSubscribers(), limits.maxSubscribersPerClient(),
				(fleet != null) ? fleet::members : null);
		this.frames = new StreamFrames(engine, bodies, fleet, clock);
		this.writers = HealthExecutors.create("health-stream-", maxPlatformWriterThreads, virtualThreads);
		this.writerThreads = maxPlatformWriterThreads;
		this.sweep = new StreamSweep(limits);
		engine.addListener(new ChangePusher(engine, this::pushChanges));
		if (fleet != null) {
			fleet.onChange(this::pushFleetChanges);
		}
	}

	/**
	 * Stops after the shutdown drain ({@code DEFAULT_PHASE}) and before the web server's graceful shutdown
	 * ({@code DEFAULT_PHASE - 1024}), so streams end before the server waits for open requests.
	 */
	@Override
	public int getPhase() {
		return DEFAULT_PHASE - 512;
	}

	/**
	 * How long a stream lasts before it is completed (its client then reconnects): 30 minutes, or
	 * {@code health.stream.authorized-lifetime} when the caller sees more than an anonymous caller would, so that a
	 * revoked access ends with it.
	 * @param request who subscribes
	 * @return the stream's lifetime
	 */
	public Duration lifetime(StreamRequest request) {
		return request.grantedByAuthorization() ? this.limits.authorizedLifetime() : LIFETIME;
	}

	/**
	 * Opens a stream; its first frame (the current snapshot, with a {@code retry:} line) is written as soon as the
	 * group is evaluated and the connection is ready. The stack's adapter ends the returned subscriber
	 * ({@link StreamSubscriber#end()}) when its response completes, fails or reaches its {@link #lifetime}.
	 * @param request who subscribes to what
	 * @param writer writes the stream's frames
	 * @return the subscriber
	 * @throws ErrorResponseException (503 with {@code Retry-After}) when at either subscriber cap, or for a peer's link
	 * at one link per member, or shutting down
	 */
	public StreamSubscriber subscribe(StreamRequest request, StreamWriter writer) {
		if (this.stopped) {
			throw StreamAdmission.unavailable("The application is shutting down", Duration.ofSeconds(1));
		}
		boolean peer = this.admission.admit(request);
		StreamSubscriber subscriber = new StreamSubscriber(writer, request.connection(),
				new StreamSubscriber.View(request.group(), request.shown(), request.fleet()), request.client(),
				request.interval(), request.mode(), this.writers, (gone) -> remove(gone, peer));
		this.subscribers.add(subscriber);
		if (this.stopped) {
			// stop() ran since the check above and may have missed it; its response is the 503, so only the
			// subscription ends
			subscriber.end();
			throw StreamAdmission.unavailable("The application is shutting down", Duration.ofSeconds(1));
		}
		Duration reconnect = clamp(request.interval(), Duration.ofSeconds(1), Duration.ofSeconds(30));
		this.engine.evaluate(request.group())
			.thenRunAsync(() -> open(subscriber, reconnect), this.writers)
			.exceptionally(this::logFailure);
		return subscriber;
	}

	/**
	 * @return the number of open streams, peers' links included
	 */
	public int subscriberCount() {
		return this.admission.clients() + this.admission.peers();
	}

	/**
	 * @return the number of open streams counted against the anonymous caps: dashboards and other clients
	 */
	public int clientSubscriberCount() {
		return this.admission.clients();
	}

	/**
	 * @return the number of open streams of the fleet's peers (requests bearing the fleet's token)
	 */
	public int peerSubscriberCount() {
		return this.admission.peers();
	}

	/**
	 * @return the most open streams in all ({@code health.stream.max-subscribers})
	 */
	public int maxSubscribers() {
		return this.limits.maxSubscribers();
	}

	/**
	 * @return whether a fleet is configured, whose stream this broadcaster serves
	 */
	public boolean hasFleet() {
		return this.fleet != null;
	}

	/**
	 * @return how many subscribers were closed because their client stopped reading, since start-up
	 */
	public long evictionCount() {
		return this.sweep.evictions();
	}

	@Override
	public void start() {
		ScheduledExecutorService ticker = HealthExecutors.newScheduler("health-stream-ticker");
		ticker.scheduleAtFixedRate(PeriodicTask.surviving("Health stream ticker", this::tick), TICK_MILLIS, TICK_MILLIS,
				TimeUnit.MILLISECONDS);
		this.ticker = ticker;
		this.stopped = false;
	}

	@Override
	public void stop() {
		this.stopped = true;
		ScheduledExecutorService ticker = this.ticker;
		if (ticker != null) {
			ticker.shutdownNow();
			this.ticker = null;
		}
		StreamShutdown.end(this.subscribers, this.frames);
	}

	@Override
	public boolean isRunning() {
		return this.ticker != null;
	}

	/** Stops the writer threads. */
	@Override
	public void close() {
		HealthExecutors.shutdown(this.writers);
	}

	/**
	 * Sets a task run at the start of every tick of the ticker, for tests of what a failing run does.
	 * @param task the task, or {@code null} for none
	 */
	void tickTask(@Nullable Runnable task) {
		this.tickTask = task;
	}

	/**
	 * One run of the ticker ({@link PeriodicTask}: whatever a run throws, an {@code Error} included, ends that run
	 * only, as a scheduled task that throws is never run again, which would end every heartbeat, poll frame and
	 * eviction for good).
	 */
	private void tick() {
		Runnable task = this.tickTask;
		if (task != null) {
			task.run();
		}
		long now = System.nanoTime();
		this.index.due(now)
			.forEach((view, recipients) -> this.engine.evaluate(view.group())
				.thenRunAsync(() -> offerFrame(view, recipients), this.writers)
				.exceptionally(this::logFailure));
		// Watched groups are evaluated on every tick: fresh results are reused, so a check is called again only
		// once its result is older than the cache TTL. What an evaluation changes reaches the subscribers through
		// the notifier (ChangePusher).
		this.index.watchedGroups().forEach(this.engine::evaluate);
		if (++this.ticks % SWEEP_TICKS == 0) {
			this.sweep.sweep(this.subscribers, now);
		}
	}

	/**
	 * On the notifier thread: every {@link StreamMode#CHANGES} subscriber whose first frame was sent, and whose group
	 * may show the change, gets a frame of its view's snapshot now; the subscriber drops it unless a state or
	 * message it shows changed.
	 * @param groups the groups whose snapshot may have changed, or {@code null} for every group
	 */
	private void pushChanges(@Nullable Set<String> groups) {
		if (!this.stopped) {
			watchers(groups).forEach(this::offerFrame);
		}
	}

	/** On a link's thread: a peer's state changed, so every fleet subscriber gets a frame of the fleet now. */
	private void pushFleetChanges() {
		if (!this.stopped) {
			watchers(null).forEach((view, recipients) -> {
				if (view.fleet()) {
					offerFrame(view, recipients);
				}
			});
		}
	}

	/**
	 * The watchers of a change, read under the frame lock: a subscriber being opened is either among them or reads
	 * the changed state for its first frame ({@link #open} reads it and joins the index under the same lock), so no
	 * change pushed while it opens passes it by.
	 */
	private Map<StreamSubscriber.View, Collection<StreamSubscriber>> watchers(@Nullable Set<String> groups) {
		return this.frames.locked(() -> this.index.watchers(groups));
	}

	/**
	 * Builds one frame of the view, serialized once, and hands it to its recipients in batches, one writer task per
	 * batch, each writing to its subscribers in turn (a write never waits for a client).
	 */
	private void offerFrame(StreamSubscriber.View view, Collection<StreamSubscriber> recipients) {
		StreamFrame frame = this.frames.next(view, null, false);
		List<StreamSubscriber> all = new ArrayList<>(recipients);
		int batch = Math.max(MIN_BATCH, (all.size() + this.writerThreads - 1) / this.writerThreads);
		for (int from = 0; from < all.size(); from += batch) {
			List<StreamSubscriber> part = all.subList(from, Math.min(all.size(), from + batch));
			try {
				this.writers.execute(() -> part.forEach((subscriber) -> subscriber.offerAndWrite(frame)));
			}
			catch (RejectedExecutionException ex) {
				// the writers stopped: the streams end with the application
				return;
			}
		}
	}

	/**
	 * Sends a subscriber its first frame and opens it to pushed frames in one step under the frame lock: every
	 * pushed frame it gets is built and offered after this one (so none overtakes it and drops its {@code retry:}),
	 * and a change made after this read is pushed to it.
	 */
	private void open(StreamSubscriber subscriber, Duration reconnect) {
		this.frames.first(subscriber.view(), reconnect, (first) -> {
			subscriber.opened();
			subscriber.offer(first);
			this.index.add(subscriber, System.nanoTime());
		});
		// it may have gone meanwhile, its removal having missed the index
		if (subscriber.isGone()) {
			this.index.remove(subscriber);
		}
	}

	private void remove(StreamSubscriber subscriber, boolean peer) {
		if (this.subscribers.remove(subscriber)) {
			this.index.remove(subscriber);
			this.admission.release(peer, subscriber.client());
		}
	}

	private @Nullable Void logFailure(Throwable ex) {
		logger.warn("Health stream could not deliver a frame", ex);
		return null;
	}

	private static Duration clamp(Duration value, Duration min, Duration max) {
		return (value.compareTo(min) < 0) ? min : (value.compareTo(max) > 0) ? max : value;
	}

}
