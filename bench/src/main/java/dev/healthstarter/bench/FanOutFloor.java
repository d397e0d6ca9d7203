package dev.healthstarter.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * P6's floor: the least a server can do for the same fan-out on this machine. One thread and one selector hold
 * every subscriber of {@code /health/$stream}; at each boundary of the flip period (wall clock, as
 * {@link FlippingCheckConfiguration}'s check changes) it stamps the current time into the check {@code flip}'s
 * {@code since} of a frame captured from the starter (same bytes otherwise) and writes it to every held socket as
 * fast as they take it, keeping only what a socket did not take for its next write-ready event. No framework, no
 * executor, no per-subscriber task: what remains is the system calls and the copies, which is the physical limit
 * the starter's lag is compared with.
 * <p>
 * A request to any other path is answered with an empty 200 ({@code ServerProcess} waits for one), except
 * {@code GET /transitions}, whose body lists the {@code since} of every frame written, one ISO-8601 instant per
 * line. Requests are read up to the end of their headers; loopback only.
 * <p>
 * Usage: {@code FanOutFloor <frame file> <flip period in milliseconds> --server.port=<port>} (other arguments are
 * ignored); the frame file holds one {@code data:} line.
 */
public final class FanOutFloor {

	private static final Pattern SINCE = Pattern.compile("(\"flip\":\\{[^}]*\"since\":\")([^\"]+)(\")");

	private static final byte[] STREAM_HEADERS = ("HTTP/1.0 200 OK\r\nContent-Type: text/event-stream\r\n"
			+ "Cache-Control: no-store\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

	private final String template;

	private final long periodMillis;

	private final Selector selector;

	private final List<SelectionKey> subscribers = new ArrayList<>();

	private final StringBuilder transitions = new StringBuilder();

	private byte[] frame;

	private long id;

	private FanOutFloor(String template, long periodMillis, int port) throws IOException {
		this.template = template;
		this.periodMillis = periodMillis;
		this.selector = Selector.open();
		ServerSocketChannel server = ServerSocketChannel.open();
		server.bind(new InetSocketAddress("127.0.0.1", port), 4096);
		server.configureBlocking(false);
		server.register(this.selector, SelectionKey.OP_ACCEPT);
		this.frame = frame(Instant.now());
	}

	public static void main(String[] args) throws IOException {
		String template = Files.readString(Path.of(args[0])).strip();
		long periodMillis = Long.parseLong(args[1]);
		int port = 0;
		for (String arg : args) {
			if (arg.startsWith("--server.port=")) {
				port = Integer.parseInt(arg.substring("--server.port=".length()));
			}
		}
		new FanOutFloor(template, periodMillis, port).run();
	}

	private void run() throws IOException {
		long period = System.currentTimeMillis() / this.periodMillis;
		while (true) {
			long now = System.currentTimeMillis();
			if (now / this.periodMillis != period) {
				period = now / this.periodMillis;
				change(Instant.now());
			}
			this.selector.select(Math.max(1, this.periodMillis - now % this.periodMillis));
			Iterator<SelectionKey> keys = this.selector.selectedKeys().iterator();
			while (keys.hasNext()) {
				SelectionKey key = keys.next();
				keys.remove();
				try {
					ready(key);
				}
				catch (IOException ex) {
					key.cancel();
					key.channel().close();
				}
			}
		}
	}

	/** Stamps and writes a new frame to every subscriber; one that has not taken the last one gets this instead. */
	private void change(Instant at) throws IOException {
		this.frame = frame(at);
		this.transitions.append(at).append('\n');
		Iterator<SelectionKey> held = this.subscribers.iterator();
		while (held.hasNext()) {
			SelectionKey key = held.next();
			if (!key.isValid()) {
				held.remove();
				continue;
			}
			key.attach(ByteBuffer.wrap(this.frame));
			try {
				write(key);
			}
			catch (IOException ex) {
				held.remove();
				key.cancel();
				key.channel().close();
			}
		}
	}

	private byte[] frame(Instant at) {
		Matcher matcher = SINCE.matcher(this.template);
		String data = matcher.replaceFirst("$1" + at + "$3");
		return ("id: " + (++this.id) + "\n" + data + "\n\n").getBytes(StandardCharsets.UTF_8);
	}

	private void ready(SelectionKey key) throws IOException {
		if (key.isAcceptable()) {
			SocketChannel channel = ((ServerSocketChannel) key.channel()).accept();
			if (channel != null) {
				channel.configureBlocking(false);
				channel.register(this.selector, SelectionKey.OP_READ, ByteBuffer.allocate(2048));
			}
		}
		else if (key.isWritable()) {
			write(key);
		}
		else if (key.isReadable() && key.attachment() instanceof ByteBuffer request) {
			read(key, request);
		}
	}

	/** Reads a request up to the end of its headers, then answers it. */
	private void read(SelectionKey key, ByteBuffer request) throws IOException {
		SocketChannel channel = (SocketChannel) key.channel();
		if (channel.read(request) < 0 || !request.hasRemaining()) {
			throw new IOException("closed or too long");
		}
		String head = new String(request.array(), 0, request.position(), StandardCharsets.US_ASCII);
		if (!head.contains("\r\n\r\n")) {
			return;
		}
		String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
		if (path.startsWith("/health/$stream")) {
			ByteBuffer first = ByteBuffer.allocate(STREAM_HEADERS.length + this.frame.length);
			first.put(STREAM_HEADERS).put(this.frame).flip();
			key.attach(first);
			this.subscribers.add(key);
			write(key);
			return;
		}
		byte[] body = path.equals("/transitions") ? this.transitions.toString().getBytes(StandardCharsets.US_ASCII)
				: new byte[0];
		ByteBuffer answer = ByteBuffer.wrap(("HTTP/1.0 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		// A few kilobytes at most: a fresh loopback socket's send buffer takes them whole.
		channel.write(new ByteBuffer[] { answer, ByteBuffer.wrap(body) });
		key.cancel();
		channel.close();
	}

	/** Writes what the socket takes of the subscriber's pending bytes; waits for write-ready for the rest. */
	private void write(SelectionKey key) throws IOException {
		ByteBuffer pending = (ByteBuffer) key.attachment();
		((SocketChannel) key.channel()).write(pending);
		key.interestOps(pending.hasRemaining() ? SelectionKey.OP_WRITE : 0);
	}

}
