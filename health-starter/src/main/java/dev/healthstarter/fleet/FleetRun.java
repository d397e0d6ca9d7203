package dev.healthstarter.fleet;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.healthstarter.core.HealthExecutors;
import dev.healthstarter.core.PeriodicTask;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One run of a {@link FleetWatcher}, from its start to its stop: the scheduler ({@code health-fleet}) and the links.
 * Invariants: only the scheduler's thread touches the links; once stopped, no link of it is opened, and its links are
 * closed on that thread after the refresh it may be running; a stop interrupts a membership read and nothing else.
 */
final class FleetRun {

	/** Longest wait of {@link #stop} for a membership read in progress. */
	private static final Duration STOP_WAIT = Duration.ofSeconds(1);

	/** The watcher's category: what the run logs is the watcher's. */
	private static final Log logger = LogFactory.getLog(FleetWatcher.class);

	final ScheduledExecutorService scheduler = HealthExecutors.newScheduler("health-fleet");

	/** The links by peer key; touched only on the scheduler thread. */
	final Map<String, PeerLink> links = new LinkedHashMap<>();

	/** The members the links were last chosen from; touched only on the scheduler thread. */
	Set<URI> lastMembers = Set.of();

	/** When the last sweep ran; touched only on the scheduler thread. */
	long lastSweepNanos;

	/** Guards {@link #stopped} and {@link #reader}: {@link #stop} interrupts only a membership read. */
	private final Object lock = new Object();

	private boolean stopped;

	/** The scheduler's thread while it reads the membership, for {@link #stop} to interrupt. */
	private @Nullable Thread reader;

	/** Reads the membership and opens and closes links; survives whatever a run throws. */
	final Runnable refresh;

	/** Restarts silent links; survives whatever a run throws. */
	final Runnable sweep;

	/**
	 * @param startNanos when the run starts
	 * @param refresh the watcher's refresh of this run
	 * @param sweep the watcher's sweep of this run
	 */
	FleetRun(long startNanos, Consumer<FleetRun> refresh, Consumer<FleetRun> sweep) {
		this.lastSweepNanos = startNanos;
		this.refresh = PeriodicTask.surviving("Fleet membership refresh", () -> refresh.accept(this));
		this.sweep = PeriodicTask.surviving("Fleet link sweep", () -> sweep.accept(this));
	}

	boolean isStopped() {
		synchronized (this.lock) {
			return this.stopped;
		}
	}

	/**
	 * Reads the membership on the scheduler's thread, which {@link #stop} interrupts meanwhile.
	 * @return the members, or {@code null} if the run stopped
	 */
	@Nullable List<URI> readMembers(Callable<List<URI>> membership) throws Exception {
		synchronized (this.lock) {
			if (this.stopped) {
				return null;
			}
			this.reader = Thread.currentThread();
		}
		try {
			return membership.call();
		}
		finally {
			synchronized (this.lock) {
				this.reader = null;
				// an interrupt meant for the read ends with it
				Thread.interrupted();
			}
		}
	}

	/**
	 * Creates and opens a link to each peer that has none, unless the run stopped; on the scheduler's thread,
	 * with no lock held (a link that fails at once tells the fleet's listeners).
	 */
	void openLinks(List<String> peers, Function<String, PeerLink> newLink) {
		for (String key : peers) {
			if (isStopped()) {
				return;
			}
			if (!this.links.containsKey(key)) {
				PeerLink link = newLink.apply(key);
				this.links.put(key, link);
				link.open();
			}
		}
	}

	/** Stops the run: waits up to {@link #STOP_WAIT} for its thread to close its links. */
	void stop() {
		synchronized (this.lock) {
			this.stopped = true;
			if (this.reader != null) {
				this.reader.interrupt();
			}
		}
		Future<?> closed;
		try {
			// queued after the refresh running now, if any: the links are closed on their own thread
			closed = this.scheduler.submit(this::close);
		}
		catch (RejectedExecutionException ex) {
			return;
		}
		// the periodic tasks end; the close still runs
		this.scheduler.shutdown();
		try {
			closed.get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
			// links closed: a reconnect still scheduled has nothing to do
			this.scheduler.shutdownNow();
		}
		catch (TimeoutException ex) {
			logger.info("Fleet watcher stopped while its membership read still runs; it opens no link once the "
					+ "read returns, and its links close then");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			// close() does not throw
		}
	}

	private void close() {
		this.links.values().forEach(PeerLink::close);
		this.links.clear();
	}

}
