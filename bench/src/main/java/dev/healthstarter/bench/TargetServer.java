package dev.healthstarter.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * P11's monitored targets: an HTTP/1.1 server on 127.0.0.1, one port, one selector thread of its own
 * ({@code targets-server}), where the path decides the answer. {@code /fast/N} answers 200 at once,
 * {@code /slow/N} answers 200 after {@value #SLOW_MILLIS} ms, {@code /hang/N} reads the request and never answers;
 * anything else answers 404. Bodies are empty and connections are kept alive (HTTP/1.1's default; RFC 9112).
 * <p>
 * Bounded: at most {@value #MAX_CONNECTIONS} connections at once (more are closed on accept and counted), requests of
 * at most {@value #MAX_REQUEST_BYTES} bytes, and a hung connection the client has not closed after
 * {@value #HANG_MILLIS} ms is closed (still without an answer), so hung connections never pile up. It records when each
 * target's request arrived and, for a hung request, how long after its arrival the client closed the connection (a
 * prober that cancels at its timeout closes it then). Not thread-safe beyond that: its state belongs to its thread, and
 * its figures are read after {@link #close()}, which joins that thread.
 */
final class TargetServer implements AutoCloseable {

	/** How long {@code /slow/N} takes to answer. */
	static final long SLOW_MILLIS = 800;

	/** How long a hung connection is held open unless its client closes it first. */
	static final long HANG_MILLIS = 5_000;

	private static final int MAX_CONNECTIONS = 2_000;

	private static final int MAX_REQUEST_BYTES = 8_192;

	private static final byte[] OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] NOT_FOUND = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
		.getBytes(StandardCharsets.US_ASCII);

	private final Selector selector;

	private final ServerSocketChannel listener;

	private final int port;

	private final Thread thread;

	private final PriorityQueue<Timer> timers = new PriorityQueue<>(Comparator.comparingLong(Timer::due));

	private final List<Arrival> arrivals = new ArrayList<>();

	private final List<HungClosed> hungClosedByClient = new ArrayList<>();

	private int open;

	private int maxOpen;

	private long refused;

	private long hungClosedHere;

	private long failedWrites;

	private volatile boolean running = true;

	/** Binds an ephemeral port on the loopback address and starts serving. */
	TargetServer() throws IOException {
		this.selector = Selector.open();
		this.listener = ServerSocketChannel.open();
		this.listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1_000);
		this.listener.configureBlocking(false);
		this.listener.register(this.selector, SelectionKey.OP_ACCEPT);
		this.port = ((InetSocketAddress) this.listener.getLocalAddress()).getPort();
		this.thread = new Thread(this::serve, "targets-server");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	int port() {
		return this.port;
	}

	/** @return every target request, in order of arrival */
	List<Arrival> arrivals() {
		return this.arrivals;
	}

	/** @return each hung request whose client closed the connection, in order of closing */
	List<HungClosed> hungClosedByClient() {
		return this.hungClosedByClient;
	}

	/** @return hung connections still open after {@value #HANG_MILLIS} ms, which this server then closed */
	long hungClosedHere() {
		return this.hungClosedHere;
	}

	/** @return the most connections open at once */
	int maxOpen() {
		return this.maxOpen;
	}

	/** @return connections closed on accept because {@value #MAX_CONNECTIONS} were open */
	long refused() {
		return this.refused;
	}

	/** @return answers that could not be written whole (the connection was then closed) */
	long failedWrites() {
		return this.failedWrites;
	}

	private void serve() {
		try {
			while (this.running) {
				Timer next = this.timers.peek();
				long wait = (next != null) ? TimeUnit.NANOSECONDS.toMillis(next.due() - System.nanoTime()) : 1_000;
				if (wait > 0) {
					this.selector.select(wait);
				}
				else {
					this.selector.selectNow();
				}
				for (Iterator<SelectionKey> keys = this.selector.selectedKeys().iterator(); keys.hasNext();) {
					SelectionKey key = keys.next();
					keys.remove();
					if (key.isValid() && key.isAcceptable()) {
						accept();
					}
					else if (key.isValid() && key.isReadable()) {
						read((Connection) key.attachment());
					}
				}
				long now = System.nanoTime();
				while (!this.timers.isEmpty() && this.timers.peek().due() <= now) {
					this.timers.poll().action().run();
				}
			}
		}
		catch (IOException ex) {
			System.err.println("target server stopped: " + ex);
		}
		finally {
			for (SelectionKey key : this.selector.keys()) {
				closeQuietly(key.channel());
			}
			closeQuietly(this.selector);
		}
	}

	private void accept() throws IOException {
		SocketChannel channel;
		while ((channel = this.listener.accept()) != null) {
			if (this.open >= MAX_CONNECTIONS) {
				this.refused++;
				closeQuietly(channel);
				continue;
			}
			channel.configureBlocking(false);
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			Connection connection = new Connection(channel);
			channel.register(this.selector, SelectionKey.OP_READ, connection);
			this.open++;
			this.maxOpen = Math.max(this.maxOpen, this.open);
		}
	}

	/** Reads what arrived; the client closing its end is also how a hung request's give-up is seen. */
	private void read(Connection connection) {
		int read;
		try {
			read = connection.channel.read(connection.in);
		}
		catch (IOException ex) {
			read = -1;
		}
		if (read == -1) {
			if (connection.hungSince >= 0) {
				this.hungClosedByClient.add(new HungClosed(connection.hungSince, System.nanoTime()));
			}
			close(connection);
			return;
		}
		if (read == 0 && !connection.in.hasRemaining()) {
			// a client that sends more than a request head while waiting for an answer
			close(connection);
			return;
		}
		handleRequests(connection);
	}

	/** Answers the complete requests in the buffer, one at a time: a late or missing answer holds the next. */
	private void handleRequests(Connection connection) {
		while (connection.channel.isOpen() && !connection.waiting) {
			int end = headerEnd(connection.in);
			if (end < 0) {
				if (!connection.in.hasRemaining()) {
					close(connection);
				}
				return;
			}
			String head = new String(connection.in.array(), 0, end, StandardCharsets.US_ASCII);
			connection.in.flip().position(end + 4);
			connection.in.compact();
			int lineEnd = head.indexOf("\r\n");
			String[] requestLine = ((lineEnd < 0) ? head : head.substring(0, lineEnd)).split(" ");
			dispatch(connection, (requestLine.length == 3) ? requestLine[1] : "");
		}
	}

	private void dispatch(Connection connection, String path) {
		String[] parts = path.split("/");
		if (parts.length != 3 || !parts[0].isEmpty() || !parts[2].matches("\\d{1,6}")) {
			respond(connection, NOT_FOUND);
			return;
		}
		String kind = parts[1];
		long now = System.nanoTime();
		switch (kind) {
			case "fast" -> {
				this.arrivals.add(new Arrival(kind, Integer.parseInt(parts[2]), now));
				respond(connection, OK);
			}
			case "slow" -> {
				this.arrivals.add(new Arrival(kind, Integer.parseInt(parts[2]), now));
				connection.waiting = true;
				at(now + TimeUnit.MILLISECONDS.toNanos(SLOW_MILLIS), () -> {
					connection.waiting = false;
					respond(connection, OK);
					handleRequests(connection);
				});
			}
			case "hang" -> {
				this.arrivals.add(new Arrival(kind, Integer.parseInt(parts[2]), now));
				connection.waiting = true;
				connection.hungSince = now;
				at(now + TimeUnit.MILLISECONDS.toNanos(HANG_MILLIS), () -> {
					if (connection.channel.isOpen()) {
						this.hungClosedHere++;
						close(connection);
					}
				});
			}
			default -> respond(connection, NOT_FOUND);
		}
	}

	private void respond(Connection connection, byte[] answer) {
		if (!connection.channel.isOpen()) {
			return;
		}
		try {
			ByteBuffer out = ByteBuffer.wrap(answer);
			connection.channel.write(out);
			if (out.hasRemaining()) {
				this.failedWrites++;
				close(connection);
			}
		}
		catch (IOException ex) {
			close(connection);
		}
	}

	private void at(long due, Runnable action) {
		this.timers.add(new Timer(due, action));
	}

	private void close(Connection connection) {
		if (connection.channel.isOpen()) {
			closeQuietly(connection.channel);
			this.open--;
		}
	}

	/** @return the index of the {@code \r\n\r\n} ending the first request head in the buffer, or -1 */
	private static int headerEnd(ByteBuffer in) {
		byte[] bytes = in.array();
		for (int i = 0; i + 3 < in.position(); i++) {
			if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
				return i;
			}
		}
		return -1;
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// Closing anyway.
		}
	}

	/**
	 * Stops serving, closes every connection and waits up to 10 s for the server's thread to end (an interrupt ends
	 * the wait and stays set).
	 */
	@Override
	public void close() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.selector.wakeup();
		try {
			this.thread.join(TimeUnit.SECONDS.toMillis(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One target request as it arrived.
	 * @param kind {@code fast}, {@code slow} or {@code hang}
	 * @param target the target's number, from the path
	 * @param nanos when it arrived, {@link System#nanoTime()} of this process
	 */
	record Arrival(String kind, int target, long nanos) {
	}

	/**
	 * A hung request whose client closed the connection.
	 * @param arrived when the request arrived, {@link System#nanoTime()} of this process
	 * @param closed when the client's close was read
	 */
	record HungClosed(long arrived, long closed) {
	}

	private record Timer(long due, Runnable action) {
	}

	/** One client connection: its request buffer, and whether a request of it waits for a late or no answer. */
	private static final class Connection {

		private final SocketChannel channel;

		private final ByteBuffer in = ByteBuffer.allocate(MAX_REQUEST_BYTES);

		private boolean waiting;

		private long hungSince = -1;

		Connection(SocketChannel channel) {
			this.channel = channel;
		}

	}

}
