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
 * Holds many Server-Sent Events subscribers on one selector thread (loopback only) and hands each data line they
 * receive to a {@link FrameListener} ({@link ScheduleLag} for P3, {@link ChangeLog} for P6). Requests are
 * HTTP/1.0, so bodies arrive unchunked. Not thread-safe: call from one thread (two clients on two threads are
 * independent).
 */
final class SseLoadClient implements AutoCloseable {

	private final InetSocketAddress address;

	private final byte[] request;

	private final FrameListener listener;

	private final Selector selector;

	private final ByteBuffer readBuffer = ByteBuffer.allocate(256 * 1024);

	private int opened;

	private int pending;

	private int connected;

	private int closed;

	SseLoadClient(InetSocketAddress address, String path, FrameListener listener) throws IOException {
		this.address = address;
		this.listener = listener;
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
				channel.register(this.selector, SelectionKey.OP_CONNECT, new Subscriber(this.opened));
				this.opened++;
				this.pending++;
			}
			poll(50);
		}
	}

	/** Receives for {@code duration}. */
	void receive(Duration duration) throws IOException {
		long deadline = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < deadline) {
			poll(50);
		}
	}

	int connected() {
		return this.connected - this.closed;
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

	/**
	 * Reads what arrived and hands each complete line to {@link #line} straight from the read buffer; only a line
	 * cut by the end of a read is copied, to the subscriber's carry-over. The receipt time is taken once the read
	 * returns, before any parsing.
	 */
	private void read(SocketChannel channel, Subscriber subscriber) throws IOException {
		this.readBuffer.clear();
		int read = channel.read(this.readBuffer);
		if (read < 0) {
			throw new IOException("closed by server");
		}
		long received = System.nanoTime();
		byte[] bytes = this.readBuffer.array();
		int start = 0;
		for (int i = 0; i < read; i++) {
			if (bytes[i] != '\n') {
				continue;
			}
			if (subscriber.carried > 0) {
				subscriber.carry(bytes, start, i - start);
				line(subscriber, subscriber.carry, 0, subscriber.carried, received);
				subscriber.carried = 0;
			}
			else {
				line(subscriber, bytes, start, i - start, received);
			}
			start = i + 1;
		}
		if (start < read) {
			subscriber.carry(bytes, start, read - start);
		}
	}

	private void line(Subscriber subscriber, byte[] bytes, int offset, int length, long received) {
		if (!subscriber.inBody) {
			subscriber.inBody = length == 0 || (length == 1 && bytes[offset] == '\r');
			return;
		}
		if (length < 5 || bytes[offset] != 'd' || bytes[offset + 1] != 'a' || bytes[offset + 2] != 't'
				|| bytes[offset + 3] != 'a' || bytes[offset + 4] != ':') {
			return;
		}
		if (!subscriber.streaming) {
			subscriber.streaming = true;
			this.connected++;
			this.pending--;
		}
		this.listener.frame(subscriber.index, bytes, offset, length, received);
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

	/** What is done with the data lines; called on the client's thread. */
	interface FrameListener {

		/**
		 * @param subscriber the subscriber's index, in the order they were opened (from 0)
		 * @param bytes holds the data line, {@code data:} included (valid until this method returns)
		 * @param offset where the line starts in {@code bytes}
		 * @param length the line's length
		 * @param receivedNanos when it was read, {@link System#nanoTime()}
		 */
		void frame(int subscriber, byte[] bytes, int offset, int length, long receivedNanos);

	}

	/** Per-connection parse state. */
	private static final class Subscriber {

		private final int index;

		/** The start of a line that the last read cut, {@link #carried} bytes of it. */
		private byte[] carry = new byte[0];

		private int carried;

		private boolean inBody;

		private boolean streaming;

		Subscriber(int index) {
			this.index = index;
		}

		void carry(byte[] bytes, int offset, int length) {
			if (this.carried + length > this.carry.length) {
				this.carry = Arrays.copyOf(this.carry, Math.max(1024, 2 * (this.carried + length)));
			}
			System.arraycopy(bytes, offset, this.carry, this.carried, length);
			this.carried += length;
		}

	}

}
