package dev.healthstarter.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * P9's peers: {@code count} fleet members on 127.0.0.1, each its own HTTP server on its own port, serving the
 * starter's stream protocol as a peer link reads it ({@code GET /health/$stream?mode=changes}: a
 * {@code text/event-stream} whose first frame is the peer's state, then a frame on each change and a heartbeat
 * comment every {@code heartbeat}), with one check, {@code featureStore}. Frames are written by the caller of
 * {@link #set} and by one heartbeat thread; a connection whose write fails is dropped. Thread-safe.
 */
final class PeerSimulator implements AutoCloseable {

	private final List<Peer> peers = new ArrayList<>();

	private final ExecutorService handlers = Executors.newFixedThreadPool(4);

	private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();

	PeerSimulator(int count, long heartbeatMillis) throws IOException {
		for (int i = 0; i < count; i++) {
			this.peers.add(new Peer());
		}
		this.heartbeats.scheduleAtFixedRate(() -> this.peers.forEach((peer) -> peer.write(":\n\n")), heartbeatMillis,
				heartbeatMillis, TimeUnit.MILLISECONDS);
	}

	/** @return each peer's base URL */
	List<String> urls() {
		return this.peers.stream().map((peer) -> "http://" + peer.key()).toList();
	}

	String key(int peer) {
		return this.peers.get(peer).key();
	}

	int size() {
		return this.peers.size();
	}

	/** @return how many peers have a link open to them */
	long linked() {
		return this.peers.stream().filter((peer) -> !peer.streams.isEmpty()).count();
	}

	/**
	 * Sets a peer's check state and pushes the frame to its open links before returning.
	 * @param peer the peer's index
	 * @param state {@code healthy} or {@code unhealthy}
	 */
	void set(int peer, String state) {
		Peer target = this.peers.get(peer);
		target.state = state;
		target.write(target.frame());
	}

	@Override
	public void close() {
		this.heartbeats.shutdownNow();
		this.peers.forEach((peer) -> peer.server.stop(0));
		this.handlers.shutdownNow();
	}

	private final class Peer {

		final HttpServer server;

		final Set<OutputStream> streams = ConcurrentHashMap.newKeySet();

		volatile String state = "healthy";

		Peer() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
			this.server.createContext("/health/$stream", this::open);
			this.server.setExecutor(PeerSimulator.this.handlers);
			this.server.start();
		}

		String key() {
			return "127.0.0.1:" + this.server.getAddress().getPort();
		}

		String frame() {
			return "data: {\"status\":\"" + this.state + "\",\"checks\":{\"featureStore\":{\"state\":\"" + this.state
					+ "\"}}}\n\n";
		}

		/** Answers the stream's headers and first frame, then keeps the response open for later writes. */
		private void open(HttpExchange exchange) throws IOException {
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			synchronized (out) {
				out.write(frame().getBytes(StandardCharsets.UTF_8));
				out.flush();
			}
			this.streams.add(out);
		}

		void write(String text) {
			byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
			for (OutputStream out : this.streams) {
				try {
					synchronized (out) {
						out.write(bytes);
						out.flush();
					}
				}
				catch (IOException ex) {
					this.streams.remove(out);
				}
			}
		}

	}

}
