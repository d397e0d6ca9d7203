package dev.healthstarter.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Holds many Server-Sent Events subscribers on one selector thread (loopback only) and measures what they
 * receive: data frames, and each frame's lag behind its schedule. A subscriber's frame {@code i} is due
 * {@code i} poll intervals after its first frame (both the starter and the naive baseline keep that schedule
 * without drift), so lag is receipt time minus that due time; a dropped frame makes later ones count as late, so
 * the figure can only overstate. Requests are HTTP/1.0, so bodies arrive unchunked. Not thread-safe: call from
 * one thread.
 */
final class SseLoadClient implements AutoCloseable {

	private final InetSocketAddress address;

	private final byte[] request;

	private final long intervalNanos;

	private final Selector selector;

	private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);

	private int opened;

	private int pending;

	private int connected;

	private int closed;

	private boolean measuring;

	private long frames;

	private long[] lagsMicros = new long[1 << 16];

	private int lagCount;

	SseLoadClient(InetSocketAddress address, String path, Duration pollInterval) throws IOException {
		this.address = address;
		this.intervalNanos = pollInterval.toNanos();
		this.request = ("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		this.selector = Selector.open();
	}

	/**
	 * Opens {@code count} subscribers, at most {@code maxPending} not yet streaming at a time, and returns when all
	 * received a first frame or the timeout passed.
	 */
	void connect(int count, int maxPending, Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.connected + this.closed < count && System.nanoTime() < deadline) {
			while (this.opened < count && this.pending < maxPending) {
				SocketChannel channel = SocketChannel.open();
				channel.configureBlocking(false);
				channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
				channel.connect(this.address);
				channel.register(this.selector, SelectionKey.OP_CONNECT, new Subscriber());
				this.opened++;
				this.pending++;
			}
			poll(50);
		}
	}

	/** Receives for {@code duration}, counting frames and lags only while measuring. */
	void receive(Duration duration, boolean measure) throws IOException {
		this.measuring = measure;
		long deadline = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < deadline) {
			poll(50);
		}
		this.measuring = false;
	}

	int connected() {
		return this.connected - this.closed;
	}

	long frames() {
		return this.frames;
	}

	/** @return the lag percentile in milliseconds, or NaN without samples */
	double lagMillis(double percentile) {
		if (this.lagCount == 0) {
			return Double.NaN;
		}
		long[] sorted = Arrays.copyOf(this.lagsMicros, this.lagCount);
		Arrays.sort(sorted);
		int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1000.0;
	}

	@Override
	public void close() throws IOException {
		for (SelectionKey key : this.selector.keys()) {
			key.channel().close();
		}
		this.selector.close();
	}

	private void poll(long timeoutMillis) throws IOException {
		this.selector.select(timeoutMillis);
		Iterator<SelectionKey> keys = this.selector.selectedKeys().iterator();
		while (keys.hasNext()) {
			SelectionKey key = keys.next();
			keys.remove();
			Subscriber subscriber = (Subscriber) key.attachment();
			SocketChannel channel = (SocketChannel) key.channel();
			try {
				if (key.isConnectable()) {
					channel.finishConnect();
					channel.write(ByteBuffer.wrap(this.request));
					key.interestOps(SelectionKey.OP_READ);
				}
				else if (key.isReadable()) {
					read(channel, subscriber);
				}
			}
			catch (IOException ex) {
				end(key, subscriber);
			}
		}
	}

	private void read(SocketChannel channel, Subscriber subscriber) throws IOException {
		this.readBuffer.clear();
		int read = channel.read(this.readBuffer);
		if (read < 0) {
			throw new IOException("closed by server");
		}
		this.readBuffer.flip();
		while (this.readBuffer.hasRemaining()) {
			byte b = this.readBuffer.get();
			if (b == '\n') {
				line(subscriber);
				subscriber.length = 0;
			}
			else if (subscriber.length < subscriber.line.length) {
				subscriber.line[subscriber.length++] = b;
			}
		}
	}

	private void line(Subscriber subscriber) {
		byte[] line = subscriber.line;
		int length = subscriber.length;
		if (!subscriber.inBody) {
			subscriber.inBody = length == 0 || (length == 1 && line[0] == '\r');
			return;
		}
		if (length < 5 || line[0] != 'd' || line[1] != 'a' || line[2] != 't' || line[3] != 'a' || line[4] != ':') {
			return;
		}
		long received = System.nanoTime();
		if (!subscriber.streaming) {
			subscriber.streaming = true;
			subscriber.firstNanos = received;
			this.connected++;
			this.pending--;
			return;
		}
		subscriber.frames++;
		if (this.measuring) {
			this.frames++;
			recordLag((received - subscriber.firstNanos - subscriber.frames * this.intervalNanos) / 1000);
		}
	}

	private void recordLag(long micros) {
		if (this.lagCount == this.lagsMicros.length) {
			this.lagsMicros = Arrays.copyOf(this.lagsMicros, this.lagCount * 2);
		}
		this.lagsMicros[this.lagCount++] = Math.max(0, micros);
	}

	private void end(SelectionKey key, Subscriber subscriber) throws IOException {
		key.cancel();
		key.channel().close();
		if (subscriber.streaming) {
			this.closed++;
		}
		else {
			this.pending--;
		}
	}

	/** Per-connection parse state. */
	private static final class Subscriber {

		private final byte[] line = new byte[16 * 1024];

		private int length;

		private boolean inBody;

		private boolean streaming;

		private long firstNanos;

		private long frames;

	}

}
