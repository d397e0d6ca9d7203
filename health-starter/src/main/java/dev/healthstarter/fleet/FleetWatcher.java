package dev.healthstarter.fleet;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import dev.healthstarter.core.HealthExecutors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Keeps one {@link PeerLink} open to each watched peer: reads the membership every refresh interval, and soon after its
 * source says it changed ({@link #refreshSoon}, at most once per {@link #REFRESH_SPACING}), watches at most
 * {@code maxPeers} of the other members ({@link MemberChoice}) and restarts a link silent for two heartbeats. Starts
 * once this instance's port is known ({@link #listening}); each run, from {@link #start} to {@link #stop}, is a
 * {@link FleetRun} with a scheduler and links of its own. DESIGN.md ("Fleet") is the long form.
 * <p>
 * Invariants: the same members in another order (DNS round robin) are no change; a member listed with another scheme
 * than the {@link FleetTransport}'s is never linked, and stays unknown; time in which the watcher itself did not run (a
 * paused process, a long GC) is not its peers' silence; no thread waits on a peer, and the membership is read on the
 * scheduler with no lock held. The one HTTP client (its pool of two, {@code health-fleet-N}, ends idle threads after
 * 60 s) serves every run until {@link #destroy}, as Java 17's {@code HttpClient} cannot be closed. Thread-safe.
 */
public final class FleetWatcher implements SmartLifecycle, DisposableBean {

	private static final Log logger = LogFactory.getLog(FleetWatcher.class);

	private static final Duration SWEEP = Duration.ofMillis(250);

	/** Shortest time between the start of a refresh and one that {@link #refreshSoon} asks for. */
	public static final Duration REFRESH_SPACING = Duration.ofMillis(200);

	private final Fleet fleet;

	private final FleetMembership membership;

	private final Settings settings;

	private final JsonMapper json;

	private final FleetTransport transport;

	private final LongSupplier nanoTime;

	private final ThreadPoolTaskExecutor clientThreads = HealthExecutors.platformPool("health-fleet-", 2);

	/** Every run's links use it; built with the transport's TLS settings. */
	private final HttpClient client;

	/** The threads and links of one run, from {@link #start} to {@link #stop} (a context may start again). */
	private volatile @Nullable FleetRun run;

	private volatile @Nullable InetAddress ownAddress;

	private volatile int ownPort = -1;

	private volatile boolean running;

	/** Whether a refresh asked for by {@link #refreshSoon} is scheduled and has not started yet. */
	private final AtomicBoolean refreshPending = new AtomicBoolean();

	/** When the last refresh started ({@link #nanoTime}); written on the scheduler thread. */
	private volatile long lastRefreshNanos;

	/**
	 * @param fleet where the peers' states go
	 * @param membership the membership source
	 * @param settings the limits and the link's path
	 * @param json reads the peers' frames
	 */
	public FleetWatcher(Fleet fleet, FleetMembership membership, Settings settings, JsonMapper json) {
		this(fleet, membership, settings, json, FleetTransport.http());
	}

	/**
	 * @param fleet where the peers' states go
	 * @param membership the membership source
	 * @param settings the limits and the link's path
	 * @param json reads the peers' frames
	 * @param transport how the links reach the peers; a member of another scheme is never linked
	 */
	public FleetWatcher(Fleet fleet, FleetMembership membership, Settings settings, JsonMapper json,
			FleetTransport transport) {
		this(fleet, membership, settings, json, transport, System::nanoTime);
	}

	/**
	 * @param fleet where the peers' states go
	 * @param membership the membership source
	 * @param settings the limits and the link's path
	 * @param json reads the peers' frames
	 * @param nanoTime the monotonic clock of the refreshes, sweeps and silences, in nanoseconds as
	 * {@link System#nanoTime()} (a test moves it on to show a paused process); thread-safe
	 */
	public FleetWatcher(Fleet fleet, FleetMembership membership, Settings settings, JsonMapper json,
			LongSupplier nanoTime) {
		this(fleet, membership, settings, json, FleetTransport.http(), nanoTime);
	}

	/**
	 * @param fleet where the peers' states go
	 * @param membership the membership source
	 * @param settings the limits and the link's path
	 * @param json reads the peers' frames
	 * @param transport how the links reach the peers; a member of another scheme is never linked
	 * @param nanoTime the monotonic clock of the refreshes, sweeps and silences, in nanoseconds as
	 * {@link System#nanoTime()} (a test moves it on to show a paused process); thread-safe
	 */
	public FleetWatcher(Fleet fleet, FleetMembership membership, Settings settings, JsonMapper json,
			FleetTransport transport, LongSupplier nanoTime) {
		this.fleet = fleet;
		this.membership = membership;
		this.settings = settings;
		this.json = json;
		this.transport = transport;
		this.nanoTime = nanoTime;
		this.client = transport.configure(HttpClient.newBuilder())
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(PeerLink.CONNECT_TIMEOUT)
			.executor(this.clientThreads)
			.build();
	}

	/**
	 * This instance listens: from now on the membership is read and the peers watched.
	 * @param address the address the server is bound to ({@code server.address}), or {@code null} for every
	 * local address
	 * @param port this instance's port for health
	 */
	public void listening(@Nullable InetAddress address, int port) {
		this.ownAddress = address;
		this.ownPort = port;
		FleetRun current = this.run;
		if (current != null) {
			execute(current.refresh);
		}
	}

	/**
	 * Runs a short task of the watcher's own on the fleet's thread (never one that waits, nor a listener: that
	 * thread keeps the links and their silence); dropped once the fleet stopped.
	 * @param task the task
	 */
	public void execute(Runnable task) {
		FleetRun current = this.run;
		if (this.running && current != null) {
			try {
				current.scheduler.execute(task);
			}
			catch (RuntimeException ex) {
				// stopped meanwhile
			}
		}
	}

	/**
	 * Reads the membership again soon, on the fleet's own thread: at once if no refresh started in the last
	 * {@link #REFRESH_SPACING}, else when that much time has passed since the last one. Calls made before the
	 * scheduled refresh starts share it (it reads the newest membership), so a burst costs one read. Returns at
	 * once without waiting for the membership source, and may be called from any thread (a Spring Cloud event
	 * publisher's, say); does nothing before {@link #start} or after {@link #stop}.
	 */
	public void refreshSoon() {
		FleetRun current = this.run;
		if (!this.running || current == null || !this.refreshPending.compareAndSet(false, true)) {
			return;
		}
		long wait = Math.max(0, this.lastRefreshNanos + REFRESH_SPACING.toNanos() - this.nanoTime.getAsLong());
		try {
			current.scheduler.schedule(() -> requestedRefresh(current), wait, TimeUnit.NANOSECONDS);
		}
		catch (RuntimeException ex) {
			// stopped meanwhile
			this.refreshPending.set(false);
		}
	}

	private void requestedRefresh(FleetRun current) {
		// first the start, then the flag: a call that finds the flag clear waits for the spacing after this start
		this.lastRefreshNanos = this.nanoTime.getAsLong();
		// from here on a change asks for another refresh: this one may have read the membership before it
		this.refreshPending.set(false);
		current.refresh.run();
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		FleetRun started = new FleetRun(this.nanoTime.getAsLong(), this::refresh, this::sweep);
		this.run = started;
		this.refreshPending.set(false);
		this.lastRefreshNanos = this.nanoTime.getAsLong() - REFRESH_SPACING.toNanos();
		this.running = true;
		started.scheduler.scheduleWithFixedDelay(started.refresh, 0,
				this.settings.refreshInterval().toMillis(), TimeUnit.MILLISECONDS);
		started.scheduler.scheduleWithFixedDelay(started.sweep, SWEEP.toMillis(),
				SWEEP.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Stops watching: waits (up to a second) until no refresh runs and the run's links are closed on its own thread.
	 * A refresh whose membership read outlives the wait (a DNS lookup ignores interrupts) opens no link once the read
	 * returns, and the run's links are closed right after it; a later {@link #start} watches the peers with links of
	 * its own.
	 */
	@Override
	public synchronized void stop() {
		FleetRun stopping = this.run;
		this.running = false;
		this.run = null;
		if (stopping != null) {
			stopping.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Stops, and releases the HTTP client: its pool's threads end, and on Java 21+ the client is closed (on Java 17
	 * its selector thread ends once the client is garbage collected). The watcher cannot start again.
	 */
	@Override
	public void destroy() {
		stop();
		this.clientThreads.shutdown();
		if (this.client instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				logger.debug("Fleet HTTP client did not close", ex);
			}
		}
	}

	private void refresh(FleetRun current) {
		int port = this.ownPort;
		if (port < 0) {
			return;
		}
		this.lastRefreshNanos = this.nanoTime.getAsLong();
		List<URI> members;
		try {
			members = current.readMembers(() -> this.membership.members(port));
		}
		catch (Exception ex) {
			if (!current.isStopped()) {
				logger.warn("Fleet membership could not be read; keeping the last one: " + ex);
			}
			return;
		}
		if (members == null) {
			// the run stopped
			return;
		}
		Set<URI> memberSet = Set.copyOf(members);
		boolean changed = !memberSet.equals(current.lastMembers);
		if (!changed && !current.links.isEmpty()) {
			return;
		}
		current.lastMembers = memberSet;
		MemberChoice choice = MemberChoice.of(members, port, () -> this.ownAddress);
		String selfKey = choice.selfKey();
		Map<String, URI> others = choice.others();
		if (!choice.selfListed()) {
			logger.warn("This instance (" + selfKey + ") is not among the fleet's members " + members + ": it counts "
					+ "itself as one more member. Each member must be listed by the address and port that serve its "
					+ "health paths (health.server.port, when set, not the application's port)");
		}
		List<String> watched = choice.sample(this.settings.maxPeers());
		if (current.isStopped()) {
			// a read that outlived stop(): the fleet is the next run's now, which would never correct a stale list
			return;
		}
		this.fleet.membership(selfKey, Math.max(memberSet.size(), 1), watched);
		// a member of another scheme stays unknown: never reached in clear text, nor trusted otherwise than the others
		List<String> linked = watched.stream().filter((key) -> this.transport.reaches(others.get(key))).toList();
		if (linked.size() < watched.size() && changed) {
			List<String> unlinked = watched.stream().filter((key) -> !linked.contains(key)).toList();
			logger.warn("Fleet members " + unlinked + " are not watched, and stay unknown: the links use "
					+ this.transport.scheme() + " (health.fleet.scheme) and these members are listed with another "
					+ "scheme");
		}
		List<String> keep = linked;
		current.links.values().removeIf((link) -> {
			boolean dropped = !keep.contains(link.key());
			if (dropped) {
				// a link left open would stream, and reconnect, for good
				link.close();
			}
			return dropped;
		});
		current.openLinks(linked, (key) -> new PeerLink(key, stream(others.get(key)), this.settings.token(),
				this.client, this.fleet, current.scheduler, new PeerFrames(this.json,
						this.settings.maxChecksPerPeer()), this.settings.coalesce(), this.nanoTime));
	}

	private void sweep(FleetRun current) {
		if (current.isStopped()) {
			// its links are about to close: a restart now would reconnect
			return;
		}
		long now = this.nanoTime.getAsLong();
		Duration silence = this.settings.heartbeat().multipliedBy(2);
		long away = now - current.lastSweepNanos - SWEEP.toNanos();
		current.lastSweepNanos = now;
		if (away > 0) {
			// this watcher did not run (SIGSTOP, a long GC, its thread busy): what it could not hear is not silence
			current.links.values().forEach((link) -> link.excuse(away, now));
			if (away > silence.toNanos() && !current.links.isEmpty()) {
				logger.info("Fleet watcher did not run for " + Duration.ofNanos(away).toMillis() + " ms (a paused "
						+ "process, a long GC pause or a slow membership read); its peers' silence counts from now");
			}
		}
		current.links.values().forEach((link) -> link.restartIfSilent(now, silence));
	}

	private URI stream(URI member) {
		String base = member.toString().replaceAll("/+$", "");
		return URI.create(base + this.settings.basePath() + "/$stream?mode=changes");
	}

	/**
	 * How the peers are watched.
	 *
	 * @param maxPeers most peers watched
	 * @param refreshInterval time between two reads of the membership
	 * @param heartbeat the streams' heartbeat; a peer silent for twice as long is unknown
	 * @param token the bearer token sent to peers, or {@code null}
	 * @param basePath the health base path on every instance, for example {@code /health}
	 * @param maxChecksPerPeer most checks a peer's frame may hold; a peer that sends more is unknown
	 * @param coalesce shortest time between two of a peer's frames applied to the fleet; zero applies each at once
	 */
	public record Settings(int maxPeers, Duration refreshInterval, Duration heartbeat, @Nullable String token,
			String basePath, int maxChecksPerPeer, Duration coalesce) {

		/** Most checks a peer's frame may hold unless told otherwise ({@code health.fleet.max-checks-per-peer}). */
		public static final int DEFAULT_MAX_CHECKS_PER_PEER = 256;

		/** Shortest time between two applied frames of a peer unless told otherwise ({@code health.fleet.coalesce}). */
		public static final Duration DEFAULT_COALESCE = Duration.ofMillis(250);

		/**
		 * Settings with at most {@link #DEFAULT_MAX_CHECKS_PER_PEER} checks per peer and frames coalesced over
		 * {@link #DEFAULT_COALESCE}.
		 * @param maxPeers most peers watched
		 * @param refreshInterval time between two reads of the membership
		 * @param heartbeat the streams' heartbeat; a peer silent for twice as long is unknown
		 * @param token the bearer token sent to peers, or {@code null}
		 * @param basePath the health base path on every instance, for example {@code /health}
		 */
		public Settings(int maxPeers, Duration refreshInterval, Duration heartbeat, @Nullable String token,
				String basePath) {
			this(maxPeers, refreshInterval, heartbeat, token, basePath, DEFAULT_MAX_CHECKS_PER_PEER, DEFAULT_COALESCE);
		}

	}

}
