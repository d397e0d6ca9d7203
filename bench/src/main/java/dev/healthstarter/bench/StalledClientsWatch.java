package dev.healthstarter.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Follows {@link StalledClients} on the server, on a daemon thread, from the moment they connected: how many the
 * starter took as subscribers (the rise of {@code health_stream_subscribers{kind="client"}}), how many of the
 * server's sockets to them are ESTABLISHED then, when {@code health_stream_evictions_total} has counted every one of
 * them, and how many of those sockets are still ESTABLISHED {@link #AFTER_EVICTION} later (or when the watch is
 * finished first, if they were never all evicted).
 */
final class StalledClientsWatch implements AutoCloseable {

	/** How long after the last eviction the server's sockets are counted. */
	static final Duration AFTER_EVICTION = Duration.ofSeconds(5);

	private static final Duration ADMISSION = Duration.ofSeconds(10);

	private final ServerProcess server;

	private final int port;

	private final StalledClients clients;

	private final int count;

	private final double subscribersBefore;

	private final double evictionsBefore;

	private final Thread watcher;

	private final CountDownLatch admission = new CountDownLatch(1);

	private volatile double subscribed = Double.NaN;

	private volatile double connectedSockets = Double.NaN;

	private volatile double evictedSeconds = Double.NaN;

	private volatile double socketsAtEnd = Double.NaN;

	/**
	 * Starts watching {@code count} stalled clients that have just connected.
	 * @param subscribersBefore the server's client subscribers before they connected
	 * @param evictionsBefore its evictions before they connected
	 */
	StalledClientsWatch(ServerProcess server, int port, StalledClients clients, int count, double subscribersBefore,
			double evictionsBefore) {
		this.server = server;
		this.port = port;
		this.clients = clients;
		this.count = count;
		this.subscribersBefore = subscribersBefore;
		this.evictionsBefore = evictionsBefore;
		this.watcher = new Thread(this::watch, "stalled-clients-watch");
		this.watcher.setDaemon(true);
		this.watcher.start();
	}

	/** @return the server's open client streams, from {@code /metrics} */
	static double subscribers(ServerProcess server) throws IOException, InterruptedException {
		return server.sum("health_stream_subscribers", "kind=\"client\"");
	}

	/** @return the streams the server has evicted so far, from {@code /metrics} */
	static double evictions(ServerProcess server) throws IOException, InterruptedException {
		return server.sum("health_stream_evictions_total", "");
	}

	/**
	 * Waits until the starter took every stalled client as a subscriber, or gave up counting them (10 s after they
	 * connected).
	 */
	void awaitAdmission() throws InterruptedException {
		this.admission.await();
	}

	/** @return whether every figure is in: the sockets were counted after the eviction */
	boolean done() {
		return !this.watcher.isAlive();
	}

	/**
	 * Ends the watch if it is still waiting for evictions (the sockets are then counted at once) and returns its
	 * figures.
	 */
	Figures finish() throws InterruptedException {
		this.watcher.interrupt();
		this.watcher.join(TimeUnit.SECONDS.toMillis(30));
		return new Figures(this.subscribed, this.connectedSockets, this.evictedSeconds, this.socketsAtEnd);
	}

	@Override
	public void close() {
		this.watcher.interrupt();
	}

	private void watch() {
		long start = System.nanoTime();
		try {
			try {
				double admitted = subscribers(this.server) - this.subscribersBefore;
				while (admitted < this.count && System.nanoTime() - start < ADMISSION.toNanos()) {
					Thread.sleep(100);
					admitted = subscribers(this.server) - this.subscribersBefore;
				}
				this.subscribed = admitted;
				this.admission.countDown();
				this.connectedSockets = this.clients.serverSockets(this.port);
				while (evictions(this.server) - this.evictionsBefore < admitted) {
					Thread.sleep(1000);
				}
				this.evictedSeconds = (System.nanoTime() - start) / 1e9;
				Thread.sleep(AFTER_EVICTION.toMillis());
			}
			catch (InterruptedException ex) {
				// The run ended before they were all evicted: count the sockets as they are.
			}
			this.socketsAtEnd = this.clients.serverSockets(this.port);
		}
		catch (IOException ex) {
			// The server ended: its figures stay unknown.
		}
		finally {
			this.admission.countDown();
		}
	}

	/**
	 * What the watch saw ({@code NaN} where it did not get that far).
	 * @param subscribed the stalled clients the starter took as subscribers
	 * @param connectedSockets the server's ESTABLISHED sockets to them once that was known
	 * @param evictedSeconds from their connection to when the evictions counted all of them
	 * @param socketsAtEnd the server's ESTABLISHED sockets to them {@link #AFTER_EVICTION} after that, or when the
	 * watch was finished if it came first
	 */
	record Figures(double subscribed, double connectedSockets, double evictedSeconds, double socketsAtEnd) {
	}

}
