package dev.healthstarter.web;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckOutcome;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.HealthEvaluationListener;
import dev.healthstarter.core.HealthExecutors;
import dev.healthstarter.core.HealthSnapshot;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Serves every health stream subscriber from shared evaluations, as Server-Sent Events (WHATWG HTML, "Server-sent
 * events").
 * <p>
 * One ticker thread wakes every 50 ms, collects the subscribers that are due (each at its own
 * {@code poll_interval}) and evaluates each of their groups once through the {@link HealthEngine} (whose cache
 * and single flight make N subscribers cost one call of each check per cache window). {@link StreamMode#POLL}
 * subscribers then get one frame per distinct group and visibility ({@code health.show-details}), serialized once.
 * The groups of {@link StreamMode#CHANGES} subscribers are watched instead: evaluated on every tick, which calls a
 * check only once its cached result has expired ({@code health.cache-ttl}), whatever the subscribers'
 * {@code poll_interval}. Whenever any evaluation (the ticker's, a probe's, a background check's) changes a state or
 * message, the engine's notifier pushes a frame of each view whose group holds that check to them at once
 * (gRPC {@code Watch} semantics). There is no thread and no scheduled task per
 * subscriber. A subscriber idle for the heartbeat interval gets a comment line so proxies keep the connection.
 * <p>
 * Every frame shows what its group's checks report when it is built, read together with its id under one lock:
 * frame ids increase across all frames, and a frame with a larger id never shows an older report of a check, so a
 * subscriber (which drops frames older than one it was offered) never sees a state go back in time.
 * <p>
 * On {@link #stop()} (the context closing, before the web server's graceful shutdown) each subscriber gets a last
 * frame, unhealthy with the readiness state refusing traffic, and its stream is completed. Thread-safe.
 */
public final class HealthStreamBroadcaster implements SmartLifecycle, AutoCloseable {

	private static final Log logger = LogFactory.getLog(HealthStreamBroadcaster.class);

	private static final long TICK_MILLIS = 50;

	private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

	private final HealthEngine engine;

	private final HealthBodies bodies;

	private final int maxSubscribers;

	private final long heartbeatNanos;

	private final Clock clock;

	private final Set<StreamSubscriber> subscribers = ConcurrentHashMap.newKeySet();

	private final AtomicInteger subscriberCount = new AtomicInteger();

	/** Guards {@link #lastFrameId} together with the read of the reports a frame shows. */
	private final Object frameLock = new Object();

	private long lastFrameId;

	private final AsyncTaskExecutor writers;

	private volatile @Nullable ScheduledExecutorService ticker;

	private volatile boolean stopped;

	/**
	 * @param engine evaluates the groups
	 * @param bodies serializes the frames' JSON (the same body as {@code GET /health}, once per snapshot)
	 * @param maxSubscribers most open streams; more are refused with 503
	 * @param heartbeat longest silence before a heartbeat comment
	 * @param maxPlatformWriterThreads most threads writing frames, without virtual threads
	 * @param virtualThreads whether frames are written on virtual threads (the application's
	 * {@code spring.threads.virtual.enabled}, Java 21+)
	 * @param clock the clock for the last frame's timestamps
	 */
	public HealthStreamBroadcaster(HealthEngine engine, HealthBodies bodies, int maxSubscribers,
			Duration heartbeat, int maxPlatformWriterThreads, boolean virtualThreads, Clock clock) {
		this.engine = engine;
		this.bodies = bodies;
		this.maxSubscribers = maxSubscribers;
		this.heartbeatNanos = heartbeat.toNanos();
		this.clock = clock;
		this.writers = HealthExecutors.create("health-stream-", maxPlatformWriterThreads, virtualThreads);
		engine.addListener(new ChangePusher());
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
	 * Opens a stream; its first frame (the current snapshot, with a {@code retry:} line) is sent as soon as the
	 * group is evaluated.
	 * @param group the group, or {@code null} for every check
	 * @param interval how often the group is evaluated for this subscriber
	 * @param mode what is sent after the first frame
	 * @param showDetails whether the subscriber sees each check, as a {@code GET} by the same caller would
	 * @return the emitter, with no async timeout: the stream lasts until the client leaves
	 * @throws ErrorResponseException (503 with {@code Retry-After}) when at the subscriber limit or shutting down
	 */
	public SseEmitter subscribe(@Nullable String group, Duration interval, StreamMode mode, boolean showDetails) {
		if (this.stopped) {
			throw HealthProblems.streamUnavailable("The application is shutting down", Duration.ofSeconds(1));
		}
		if (this.subscriberCount.incrementAndGet() > this.maxSubscribers) {
			this.subscriberCount.decrementAndGet();
			throw HealthProblems.streamUnavailable("The health stream already has its maximum of " + this.maxSubscribers
					+ " subscribers", Duration.ofSeconds(5));
		}
		SseEmitter emitter = new SseEmitter(0L);
		StreamSubscriber subscriber = new StreamSubscriber(emitter, new StreamSubscriber.View(group, showDetails),
				interval, mode, this::remove);
		emitter.onCompletion(() -> remove(subscriber));
		emitter.onError((ex) -> remove(subscriber));
		emitter.onTimeout(() -> remove(subscriber));
		this.subscribers.add(subscriber);
		Duration reconnect = clamp(interval, Duration.ofSeconds(1), Duration.ofSeconds(30));
		this.engine.evaluate(group)
			.thenRunAsync(() -> open(subscriber, reconnect), this.writers)
			.exceptionally(this::logFailure);
		return emitter;
	}

	/**
	 * @return the number of open streams
	 */
	public int subscriberCount() {
		return this.subscriberCount.get();
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
		Map<StreamSubscriber.View, StreamFrame> lastFrames = new HashMap<>();
		for (StreamSubscriber subscriber : this.subscribers) {
			StreamFrame last = lastFrames.computeIfAbsent(subscriber.view(), (view) -> frame(view, null, true));
			subscriber.offer(last, this.writers);
		}
		long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
		while (!this.subscribers.isEmpty() && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
		}
		this.subscribers.forEach((subscriber) -> subscriber.emitter().complete());
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

	private void tick() {
		try {
			long now = System.nanoTime();
			Map<StreamSubscriber.View, List<StreamSubscriber>> due = new HashMap<>();
			Set<StreamSubscriber.View> watched = new HashSet<>();
			for (StreamSubscriber subscriber : this.subscribers) {
				if (subscriber.mode() == StreamMode.CHANGES) {
					watched.add(subscriber.view());
				}
				// A poll frame never precedes the first frame, which carries the retry: field.
				if (subscriber.mode() == StreamMode.POLL && subscriber.isOpen() && subscriber.takeDue(now)) {
					due.computeIfAbsent(subscriber.view(), (view) -> new ArrayList<>()).add(subscriber);
				}
				else if (subscriber.isIdle(now, this.heartbeatNanos)) {
					subscriber.offer(StreamFrame.HEARTBEAT, this.writers);
				}
			}
			due.forEach((view, recipients) -> this.engine.evaluate(view.group())
				.thenRunAsync(() -> offerFrame(view, recipients), this.writers)
				.exceptionally(this::logFailure));
			// Watched groups are evaluated on every tick: fresh results are reused, so a check is called again only
			// once its result is older than the cache TTL. What an evaluation changes reaches the subscribers through
			// the notifier (ChangePusher).
			watched.stream().map(StreamSubscriber.View::group).distinct().forEach(this.engine::evaluate);
		}
		catch (RuntimeException ex) {
			logFailure(ex);
		}
	}

	/**
	 * On the notifier thread: every {@link StreamMode#CHANGES} subscriber whose first frame was sent, and whose group
	 * may show the change, gets a frame of its view's snapshot now; the subscriber drops it unless a state or
	 * message it shows changed.
	 * @param groups the groups whose snapshot may have changed, or {@code null} for every group
	 */
	private void pushChanges(@Nullable Set<String> groups) {
		if (this.stopped) {
			return;
		}
		Map<StreamSubscriber.View, List<StreamSubscriber>> watchers = new HashMap<>();
		for (StreamSubscriber subscriber : this.subscribers) {
			String group = subscriber.view().group();
			if (subscriber.mode() == StreamMode.CHANGES && subscriber.isOpen()
					&& (groups == null || group == null || groups.contains(group))) {
				watchers.computeIfAbsent(subscriber.view(), (view) -> new ArrayList<>()).add(subscriber);
			}
		}
		watchers.forEach(this::offerFrame);
	}

	/** Builds one frame of the view, serialized once, and offers it to each of its recipients. */
	private void offerFrame(StreamSubscriber.View view, List<StreamSubscriber> recipients) {
		StreamFrame frame = frame(view, null, false);
		recipients.forEach((subscriber) -> subscriber.offer(frame, this.writers));
	}

	/**
	 * Builds a frame of what the view's checks report now, on a writer or the notifier thread (never on a check or
	 * scheduler thread); its body is written once per snapshot.
	 * @param view the group and visibility
	 * @param reconnect the {@code retry:} field of a first frame, else {@code null}
	 * @param last whether it is the last frame of a stopping stream (readiness refusing traffic)
	 */
	private StreamFrame frame(StreamSubscriber.View view, @Nullable Duration reconnect, boolean last) {
		HealthSnapshot snapshot;
		long id;
		synchronized (this.frameLock) {
			snapshot = this.engine.latest(view.group());
			id = ++this.lastFrameId;
		}
		return frame(view, id, snapshot, reconnect, last);
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
			StreamFrame first = frame(view, ++this.lastFrameId, this.engine.latest(view.group()), reconnect, false);
			subscriber.offer(first, this.writers);
		}
	}

	private StreamFrame frame(StreamSubscriber.View view, long id, HealthSnapshot snapshot, @Nullable Duration reconnect,
			boolean last) {
		HealthSnapshot shown = last ? refusingTraffic(snapshot) : snapshot;
		return StreamFrame.data(id, reconnect, this.bodies.json(shown, view.showDetails(), false),
				shown.signature(view.showDetails()), last);
	}

	private HealthSnapshot refusingTraffic(HealthSnapshot snapshot) {
		Map<String, CheckOutcome> checks = new LinkedHashMap<>(snapshot.checks());
		checks.put(AvailabilityStates.READINESS_STATE, new CheckOutcome(
				HealthCheckResult.unhealthy("REFUSING_TRAFFIC: the application is shutting down"), this.clock.instant(),
				Duration.ZERO));
		return new HealthSnapshot(HealthState.UNHEALTHY, checks, snapshot.nonCritical());
	}

	private void remove(StreamSubscriber subscriber) {
		if (this.subscribers.remove(subscriber)) {
			this.subscriberCount.decrementAndGet();
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

	}

}
