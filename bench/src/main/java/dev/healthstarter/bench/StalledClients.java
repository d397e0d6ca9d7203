package dev.healthstarter.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * P10's stalled clients: each opens a stream with a 2 KB socket receive buffer, sends its request and never reads
 * again, as an uptime monitor that hung, a laptop that went to sleep or a proxy with a full buffer does. The server
 * keeps writing until the socket's buffers are full, and its writes then wait. Loopback only; not thread-safe.
 */
final class StalledClients implements AutoCloseable {

	private final List<SocketChannel> channels = new ArrayList<>();

	/**
	 * Opens {@code count} stalled streams on {@code path}, one after another (each connect blocks until accepted).
	 * @param address the server
	 * @param path the stream's path and query
	 * @param count how many to open
	 */
	StalledClients(InetSocketAddress address, String path, int count) throws IOException {
		byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		for (int i = 0; i < count; i++) {
			SocketChannel channel = SocketChannel.open();
			channel.setOption(StandardSocketOptions.SO_RCVBUF, 2048);
			channel.connect(address);
			channel.write(ByteBuffer.wrap(request));
			this.channels.add(channel);
		}
	}

	int size() {
		return this.channels.size();
	}

	@Override
	public void close() throws IOException {
		for (SocketChannel channel : this.channels) {
			channel.close();
		}
	}

}
