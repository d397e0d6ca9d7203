package dev.healthstarter.web;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckOutcome;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.HealthEvaluationListener;
import dev.healthstarter.core.HealthExecutors;
import dev.healthstarter.core.HealthSnapshot;
import dev.healthstarter.fleet.FleetSnapshot;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.web.ErrorResponseException;

/**
 * Serves every health stream subscriber from shared evaluations, as Server-Sent Events (WHATWG HTML, "Server-sent
 * events").
 * <p>
 * One ticker thread wakes every 50 ms, takes the subscribers that are due ({@link StreamIndex}: one bucket per
 * {@code poll_interval}, whose subscribers share its tick) and evaluates each of their groups once through the {@link HealthEngine} (whose cache
 * and single flight make N subscribers cost one call of each check per cache window). {@link StreamMode#POLL}
 * subscribers then get one frame per distinct group and visibility, serialized once and written in batches, one
 * writer task per batch.
 * The groups of {@link StreamMode#CHANGES} subscribers are watched instead: evaluated on every tick, which calls a
 * check only once its cached result has expired ({@code health.cache-ttl}), whatever the subscribers'
 * {@code poll_interval}. Whenever any evaluation (the ticker's, a probe's, a background check's) changes a state or
 * message, the engine's notifier pushes a frame of each view whose group holds that check to them at once
 * (gRPC {@code Watch} semantics). There is no thread and no scheduled task per
 * subscriber. A run of the ticker that throws anything, an {@code Error} included, is logged and the schedule kept.
 * A subscriber idle for the heartbeat interval gets a comment line so proxies keep the connection
 * (and twice half a second after its first frame, so a client that connected and left is found at once).
 * <p>
 * A subscriber that stops reading costs only itself: frames are written only when its connection can take them
 * ({@link StreamConnection}), it keeps at most one pending frame, and once a frame has waited longer than the
 * write timeout the stream is closed and counted as an eviction. Subscribers are capped in all
 * ({@code health.stream.max-subscribers}) and per client address ({@code max-subscribers-per-client}); a peer's link
 * (a request bearing the fleet's token) is admitted outside those caps, up to one per member of the fleet, so that
 * anonymous clients cannot starve the fleet's links and a stolen token opens no more. A stream
 * ends after 30 minutes, or after {@code health.stream.authorized-lifetime} (one minute) when the caller sees more
 * than an anonymous caller would, so that a revoked access ends with it; {@code EventSource} reconnects by itself, after the frame's {@code retry:}.
 * <p>
 * Every frame shows what its group's checks (or, on a fleet stream, the fleet) report when it is built, read
 * together with its id under one lock: frame ids increase across all frames, and a frame with a larger id never
 * shows an older report of a check, so a subscriber (which drops frames older than one it was offered) never sees a
 * state go back in time.
 * <p>
 * On {@link #stop()} (the context closing, before the web server's graceful shutdown) each subscriber gets a last
 * frame, unhealthy with the readiness state refusing traffic, and its stream is completed; after a second, a
 * stream whose client does not read is aborted ({@link StreamConnection#abort()}: its connection closed, whatever it
 * has not sent), as is a stream evicted for the write timeout. Thread-safe.
 */
public final class HealthStreamBroadcaster implements SmartLifecycle, AutoCloseable {

	private static final Log logger = LogFactory.getLog(HealthStreamBroadcaster.class);

	private static final long TICK_MILLIS = 50;

	/** Heartbeats and write timeouts are checked every 5 ticks (250 ms), by one pass over the subscribers. */
	private static final int SWEEP_TICKS = 5;

	/**
	 * Longest wait for a connection to take its first frame: one that never becomes writable lost its client before
	 * the container called back (a connect-and-close loop), and is closed without waiting for the write timeout.
	 */
	private static final long FIRST_WRITE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);

	/** The fewest subscribers one writer task serves, so a frame to few subscribers stays one task. */
	private static final int MIN_BATCH = 64;

	/**
	 * Heap held by one open subscriber on Tomcat, its connection included: 2,000 {@code mode=changes} streams held
	 * 103 KB each after a full GC (bench/README.md, "Memory per subscriber").
	 */
	static final long SUBSCRIBER_BYTES = 105 * 1024;

	private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(1);

	private static final Duration LIFETIME = Duration.ofMinutes(30);


	private final HealthEngine engine;

	private final HealthBodies bodies;

	private final Limits limits;

	private final Clock clock;

	private final Set<StreamSubscriber> subscribers = ConcurrentHashMap.newKeySet();

	private final StreamIndex index = new StreamIndex();

	private final int writerThreads;

	/** Ticks since start, so that heartbeats and the write timeout are checked every {@link #SWEEP_TICKS}. */
	private long ticks;

	/** Whether the ticker's last run failed (ticker thread only), so a failure that repeats is logged once. */
	private boolean tickFailing;

	/** Open streams counted against the anonymous caps. */
	private final AtomicInteger clientCount = new AtomicInteger();

	/** Open peers' links, counted against the fleet's members. */
	private final AtomicInteger peerCount = new AtomicInteger();

	private final ConcurrentMap<String, Integer> subscribersPerClient = new ConcurrentHashMap<>();

	private final AtomicLong evictions = new AtomicLong();

	/** Guards {@link #lastFrameId} together with the read of the reports a frame shows. */
	private final Object frameLock = new Object();

	private long lastFrameId;

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
	public HealthStreamBroadcaster(HealthEngine engine, HealthBodies bodies, Limits limits,
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
			Limits limits, int maxPlatformWriterThreads, boolean virtualThreads, Clock clock) {
		this.engine = engine;
		this.bodies = bodies;
		this.fleet = fleet;
		this.limits = limits;
		this.clock = clock;
		this.writers = HealthExecutors.create("health-stream-", maxPlatformWriterThreads, virtualThreads);
		this.writerThreads = maxPlatformWriterThreads;
		engine.addListener(new ChangePusher());
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
			throw HealthProblems.streamUnavailable("The application is shutting down", Duration.ofSeconds(1));
		}
		boolean peer = admit(request);
		StreamSubscriber subscriber = new StreamSubscriber(writer, request.connection(),
				new StreamSubscriber.View(request.group(), request.shown(), request.fleet()), request.client(),
				request.interval(), request.mode(), this.writers, (gone) -> remove(gone, peer));
		this.subscribers.add(subscriber);
		if (this.stopped) {
			// stop() ran since the check above and may have missed it; its response is the 503, so only the
			// subscription ends
			subscriber.end();
			throw HealthProblems.streamUnavailable("The application is shutting down", Duration.ofSeconds(1));
		}
		Duration reconnect = clamp(request.interval(), Duration.ofSeconds(1), Duration.ofSeconds(30));
		this.engine.evaluate(request.group())
			.thenRunAsync(() -> open(subscriber, reconnect), this.writers)
			.exceptionally(this::logFailure);
		return subscriber;
	}

	/**
	 * Counts a new subscriber against its caps, or refuses it: a peer's link against the fleet's members, any other
	 * stream against both anonymous caps.
	 * @return whether it counts as a peer's link
	 */
	private boolean admit(StreamRequest request) {
		FleetBodies fleet = this.fleet;
		if (request.peer() && fleet != null) {
			admitPeer(fleet.members());
			return true;
		}
		admitClient(request.client());
		return false;
	}

	/**
	 * One link per member at most, this instance included (a restarted peer's new link may arrive before its old one
	 * is found gone).
	 */
	private void admitPeer(int members) {
		if (this.peerCount.incrementAndGet() > members) {
			this.peerCount.decrementAndGet();
			throw HealthProblems.streamUnavailable("The health stream already has its maximum of " + members
					+ " fleet links, one per member", Duration.ofSeconds(5));
		}
	}

	private void admitClient(String client) {
		int perClient = this.limits.maxSubscribersPerClient();
		boolean[] admitted = new boolean[1];
		this.subscribersPerClient.compute(client, (key, count) -> {
			int current = (count != null) ? count : 0;
			admitted[0] = current < perClient;
			return admitted[0] ? current + 1 : count;
		});
		if (!admitted[0]) {
			throw HealthProblems.streamUnavailable("This client already has its maximum of " + perClient
					+ " health stream subscribers", Duration.ofSeconds(5));
		}
		if (this.clientCount.incrementAndGet() > this.limits.maxSubscribers()) {
			this.clientCount.decrementAndGet();
			release(client);
			throw HealthProblems.streamUnavailable("The health stream already has its maximum of "
					+ this.limits.maxSubscribers() + " subscribers", Duration.ofSeconds(5));
		}
	}

	private void release(String client) {
		this.subscribersPerClient.computeIfPresent(client, (key, count) -> (count > 1) ? count - 1 : null);
	}

	/**
	 * @return the number of open streams, peers' links included
	 */
	public int subscriberCount() {
		return this.clientCount.get() + this.peerCount.get();
	}

	/**
	 * @return the number of open streams counted against the anonymous caps: dashboards and other clients
	 */
	public int clientSubscriberCount() {
		return this.clientCount.get();
	}

	/**
	 * @return the number of open streams of the fleet's peers (requests bearing the fleet's token)
	 */
	public int peerSubscriberCount() {
		return this.peerCount.get();
	}

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
		return this.evictions.get();
	}

	@Override
	public void start() {
		ScheduledExecutorService ticker = HealthExecutors.newScheduler("health-stream-ticker");
		ticker.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
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
		List<StreamSubscriber> open = new ArrayList<>(this.subscribers);
		Map<StreamSubscriber.View, StreamFrame> lastFrames = new HashMap<>();
		for (StreamSubscriber subscriber : open) {
			subscriber.offer(lastFrames.computeIfAbsent(subscriber.view(), (view) -> frame(view, null, true)));
		}
		// Waits for the responses, not only the subscriptions: a stream ends its subscription as it completes, while
		// Reactor Netty may still be sending its last frame, which an abort then would cut.
		long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
		while (!(this.subscribers.isEmpty() && open.stream().allMatch(StreamSubscriber::isDone))
				&& System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
		}
		// Past the second, every stream is aborted: those still open, and those completed after a last frame their
		// client stopped taking (an abort leaves a response that ended alone), so no response holds the server's
		// graceful shutdown.
		Set<StreamSubscriber> ending = new LinkedHashSet<>(open);
		ending.addAll(this.subscribers);
		ending.forEach(StreamSubscriber::abort);
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

	private void tick() {
		try {
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
				sweep(now);
			}
			this.tickFailing = false;
		}
		catch (Throwable ex) {
			// Whatever a run throws, an Error included, ends that run only: a scheduled task that throws is never run
			// again, which would end every heartbeat, poll frame and eviction for good.
			tickFailed(ex);
		}
	}

	/** Logs a failed run of the ticker once, when runs start failing, rather than every 50 ms while they fail. */
	private void tickFailed(Throwable ex) {
		if (!this.tickFailing) {
			this.tickFailing = true;
			logger.error("Health stream ticker failed; it keeps its schedule and logs again only after a run succeeds",
					ex);
		}
	}

	/**
	 * Sends due heartbeats and aborts the streams whose client stopped reading for the write timeout, or never took the
	 * first frame.
	 */
	private void sweep(long now) {
		long heartbeatNanos = this.limits.heartbeat().toNanos();
		long writeTimeoutNanos = this.limits.writeTimeout().toNanos();
		for (StreamSubscriber subscriber : this.subscribers) {
			if (subscriber.blockedLongerThan(now, writeTimeoutNanos)) {
				this.evictions.incrementAndGet();
				subscriber.abort();
			}
			else if (!subscriber.hasWritten() && subscriber.blockedLongerThan(now, FIRST_WRITE_TIMEOUT_NANOS)) {
				subscriber.abort();
			}
			else if (subscriber.takeHeartbeat(now, heartbeatNanos)) {
				subscriber.offer(StreamFrame.HEARTBEAT);
			}
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
		synchronized (this.frameLock) {
			return this.index.watchers(groups);
		}
	}

	/**
	 * Builds one frame of the view, serialized once, and hands it to its recipients in batches, one writer task per
	 * batch, each writing to its subscribers in turn (a write never waits for a client).
	 */
	private void offerFrame(StreamSubscriber.View view, Collection<StreamSubscriber> recipients) {
		StreamFrame frame = frame(view, null, false);
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
	 * Builds a frame of what the view's checks report now, on a writer or the notifier thread (never on a check or
	 * scheduler thread); its body is written once per snapshot.
	 * @param view the group and visibility
	 * @param reconnect the {@code retry:} field of a first frame, else {@code null}
	 * @param last whether it is the last frame of a stopping stream (readiness refusing traffic)
	 */
	private StreamFrame frame(StreamSubscriber.View view, @Nullable Duration reconnect, boolean last) {
		Shows shows;
		synchronized (this.frameLock) {
			shows = shows(view, ++this.lastFrameId);
		}
		return frame(view, shows, reconnect, last);
	}

	/**
	 * Sends a subscriber its first frame and opens it to pushed frames in one step under the frame lock: every
	 * pushed frame it gets is built and offered after this one (so none overtakes it and drops its {@code retry:}),
	 * and a change made after this read is pushed to it.
	 */
	private void open(StreamSubscriber subscriber, Duration reconnect) {
		StreamSubscriber.View view = subscriber.view();
		synchronized (this.frameLock) {
			subscriber.opened();
			StreamFrame first = frame(view, shows(view, ++this.lastFrameId), reconnect, false);
			subscriber.offer(first);
			this.index.add(subscriber, System.nanoTime());
		}
		// it may have gone meanwhile, its removal having missed the index
		if (subscriber.isGone()) {
			this.index.remove(subscriber);
		}
	}

	/**
	 * Under the frame lock: what a frame with this id shows, the view's group from the engine or, for a fleet view,
	 * the fleet (this instance's part read from the engine), so that a larger id never shows an older report.
	 */
	private Shows shows(StreamSubscriber.View view, long id) {
		FleetBodies fleet = this.fleet;
		if (view.fleet() && fleet != null) {
			return new Shows(id, null, fleet.snapshot());
		}
		return new Shows(id, this.engine.latest(view.group()), null);
	}

	private StreamFrame frame(StreamSubscriber.View view, Shows shows, @Nullable Duration reconnect, boolean last) {
		FleetBodies fleet = this.fleet;
		FleetSnapshot fleetSnapshot = shows.fleet();
		if (fleetSnapshot != null && fleet != null) {
			boolean components = view.shown().components();
			return StreamFrame.data(shows.id(), reconnect, fleet.json(fleetSnapshot, components),
					FleetBodies.signature(fleetSnapshot, components), last);
		}
		HealthSnapshot snapshot = Objects.requireNonNull(shows.health());
		HealthSnapshot shown = last ? refusingTraffic(snapshot) : snapshot;
		return StreamFrame.data(shows.id(), reconnect, this.bodies.json(shown, view.shown(), false),
				shown.signature(view.shown().components(), view.shown().details()), last);
	}

	/** A frame's id and what it shows: a group's snapshot, or the fleet's. */
	private record Shows(long id, @Nullable HealthSnapshot health, @Nullable FleetSnapshot fleet) {
	}

	private HealthSnapshot refusingTraffic(HealthSnapshot snapshot) {
		Map<String, CheckOutcome> checks = new LinkedHashMap<>(snapshot.checks());
		checks.put(AvailabilityStates.READINESS_STATE, new CheckOutcome(
				HealthCheckResult.unhealthy("REFUSING_TRAFFIC: the application is shutting down"), this.clock.instant(),
				Duration.ZERO));
		return new HealthSnapshot(HealthState.UNHEALTHY, checks, snapshot.nonCritical());
	}

	private void remove(StreamSubscriber subscriber, boolean peer) {
		if (this.subscribers.remove(subscriber)) {
			this.index.remove(subscriber);
			if (peer) {
				this.peerCount.decrementAndGet();
			}
			else {
				this.clientCount.decrementAndGet();
				release(subscriber.client());
			}
		}
	}

	private @Nullable Void logFailure(Throwable ex) {
		logger.warn("Health stream could not deliver a frame", ex);
		return null;
	}

	private static Duration clamp(Duration value, Duration min, Duration max) {
		return (value.compareTo(min) < 0) ? min : (value.compareTo(max) > 0) ? max : value;
	}

	/** Pushes a frame to {@link StreamMode#CHANGES} subscribers whenever something a group shows may have changed. */
	private final class ChangePusher implements HealthEvaluationListener {

		@Override
		public void onReportChanged(String check, @Nullable CheckOutcome previous, CheckOutcome current) {
			pushChanges(HealthStreamBroadcaster.this.engine.groupsOf(check));
		}

		@Override
		public void onUnregistered(String check) {
			// its groups are no longer known: any of them may have lost it
			pushChanges(null);
		}

		@Override
		public void onAvailabilityChanged() {
			pushChanges(null);
		}

		@Override
		public void onFailOpenChanged() {
			pushChanges(null);
		}

	}

	/**
	 * The bounds of the streams.
	 *
	 * @param maxSubscribers most open streams in all; more are refused with 503
	 * @param maxSubscribersPerClient most open streams per client address; more are refused with 503
	 * @param heartbeat longest silence before a heartbeat comment
	 * @param writeTimeout longest wait for a client to take a frame before its stream is closed
	 * @param authorizedLifetime how long a stream lasts whose caller sees more than an anonymous caller would
	 */
	public record Limits(int maxSubscribers, int maxSubscribersPerClient, Duration heartbeat, Duration writeTimeout,
			Duration authorizedLifetime) {
	}

}
