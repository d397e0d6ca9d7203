package dev.healthstarter.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * P10's stalled clients: each opens a stream with a 2 KB socket receive buffer, sends its request and never reads
 * again, as an uptime monitor that hung, a laptop that went to sleep or a proxy with a full buffer does. The server
 * keeps writing until the socket's buffers are full, and its writes then wait. They connect from the loopback
 * addresses {@link #SOURCES}, in turn, apart from the subscribers that read (which come from 127.0.0.1): the server
 * counts them as several clients, and its sockets to them can be told apart from the others'. Loopback only; not
 * thread-safe.
 */
final class StalledClients implements AutoCloseable {

	/** 127.0.0.2 to 127.0.0.9: Linux routes all of 127.0.0.0/8 to the loopback interface. */
	static final List<String> SOURCES = IntStream.rangeClosed(2, 9).mapToObj((host) -> "127.0.0." + host).toList();

	private final List<SocketChannel> channels = new ArrayList<>();

	/** The clients' own ends, {@code a.b.c.d:port}, as {@link TcpSockets} writes a server socket's peer. */
	private final Set<String> endpoints = new HashSet<>();

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
			channel.bind(new InetSocketAddress(SOURCES.get(i % SOURCES.size()), 0));
			channel.connect(address);
			channel.write(ByteBuffer.wrap(request));
			this.channels.add(channel);
			InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
			this.endpoints.add(local.getAddress().getHostAddress() + ":" + local.getPort());
		}
	}

	/**
	 * @param port the server's port
	 * @return how many of the server's sockets on {@code port} to these clients are ESTABLISHED: the server holds
	 * them open (a socket it closed is in FIN_WAIT or gone, whether or not its unsent bytes were dropped)
	 */
	int serverSockets(int port) throws IOException {
		Set<String> peers = TcpSockets.establishedPeers(port);
		peers.retainAll(this.endpoints);
		return peers.size();
	}

	@Override
	public void close() throws IOException {
		for (SocketChannel channel : this.channels) {
			channel.close();
		}
	}

}
