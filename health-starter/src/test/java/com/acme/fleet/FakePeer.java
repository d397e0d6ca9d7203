package com.acme.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A peer on 127.0.0.1 served from a raw {@link ServerSocket}: each request gets a chunked {@code text/event-stream}
 * response with one data frame of {@link #body} and then a heartbeat comment every 100 ms, until the client closes
 * the connection. Counts the connections it accepted and those still open (closed when the client sends EOF). Public
 * for the starter's own fleet tests.
 */
public final class FakePeer implements AutoCloseable {

	/** Connections accepted, one per stream request. */
	public final AtomicInteger accepted = new AtomicInteger();

	final AtomicInteger open = new AtomicInteger();

	/** The data frame each stream starts with. */
	public volatile String body = "{\"status\":\"healthy\",\"checks\":{\"db\":{\"state\":\"healthy\"}}}";

	/** Whether heartbeats follow the first frame; without them the peer is silent but connected. */
	public volatile boolean heartbeats = true;

	/** The response's status; other than 200, its chunked body never ends (heartbeat-like chunks follow). */
	volatile int status = 200;

	/** How long the response's headers are held back. */
	volatile Duration headersDelay = Duration.ZERO;

	/**
	 * Whether the peer dies mid-frame: after the first frame it writes half of a second one's chunk and closes the
	 * connection, as a crashed process's kernel does.
	 */
	volatile boolean closeMidFrame;

	/** Heartbeat comments sent, on every connection. */
	final AtomicInteger heartbeatsSent = new AtomicInteger();

	private final ServerSocket server;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	/**
	 * Listens on an ephemeral port of 127.0.0.1.
	 * @throws IOException if it cannot
	 */
	public FakePeer() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "fake-peer-" + this.server.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** @return its base URL */
	public URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getLocalPort());
	}

	/** @return its key in the fleet, {@code 127.0.0.1:port} */
	public String key() {
		return "127.0.0.1:" + this.server.getLocalPort();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				this.accepted.incrementAndGet();
				this.open.incrementAndGet();
				this.sockets.add(socket);
				Thread thread = new Thread(() -> serve(socket), "fake-peer-connection");
				thread.setDaemon(true);
				thread.start();
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			InputStream in = socket.getInputStream();
			int matched = 0;
			byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
			while (matched < 4) {
				int b = in.read();
				if (b < 0) {
					return;
				}
				matched = (b == end[matched]) ? matched + 1 : ((b == end[0]) ? 1 : 0);
			}
			Thread watcher = new Thread(() -> {
				try {
					while (in.read() >= 0) {
						// ignored
					}
				}
				catch (IOException ex) {
					// reset
				}
				close(socket);
			}, "fake-peer-eof");
			watcher.setDaemon(true);
			watcher.start();
			Thread.sleep(this.headersDelay.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(("HTTP/1.1 " + this.status + " Whatever\r\nContent-Type: text/event-stream\r\n"
					+ "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			chunk(out, "retry: 1000\ndata: " + this.body + "\n\n");
			if (this.closeMidFrame) {
				byte[] frame = ("data: " + this.body + "\n\n").getBytes(StandardCharsets.UTF_8);
				out.write((Integer.toHexString(frame.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
				out.write(frame, 0, frame.length / 2);
				out.flush();
				return;
			}
			while (!socket.isClosed()) {
				Thread.sleep(100);
				if (this.heartbeats) {
					chunk(out, ":\n\n");
					this.heartbeatsSent.incrementAndGet();
				}
			}
		}
		catch (IOException | InterruptedException ex) {
			// the client went away
		}
		finally {
			close(socket);
		}
	}

	private void close(Socket socket) {
		if (this.sockets.remove(socket)) {
			this.open.decrementAndGet();
			try {
				socket.close();
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private static void chunk(OutputStream out, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.write(bytes);
		out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		this.sockets.forEach(this::close);
	}

}
