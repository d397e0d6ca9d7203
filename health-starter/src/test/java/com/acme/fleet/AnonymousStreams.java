package com.acme.fleet;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.acme.testing.RawStreamClient;

/**
 * Anonymous {@code mode=changes} streams held open from 127.0.0.2 to 127.0.0.9, as a client that takes every stream
 * slot it can from several source addresses (and never reads what it gets). Not thread-safe: used by one test.
 */
final class AnonymousStreams implements AutoCloseable {

	static final List<String> ADDRESSES = IntStream.rangeClosed(2, 9).mapToObj((i) -> "127.0.0." + i).toList();

	private final List<Socket> open = new ArrayList<>();

	/**
	 * Opens streams from every address until each one is refused, so that both caps are full; run again, it retakes
	 * the slots freed since.
	 * @param port the server's port
	 * @return how many streams it opened
	 * @throws IOException when a connection fails
	 */
	int fill(int port) throws IOException {
		int opened = 0;
		for (String address : ADDRESSES) {
			while (true) {
				Socket socket = RawStreamClient.from(address, port, "/health/$stream?mode=changes");
				if (!RawStreamClient.head(RawStreamClient.reader(socket)).get(0).contains(" 200")) {
					socket.close();
					break;
				}
				this.open.add(socket);
				opened++;
			}
		}
		return opened;
	}

	@Override
	public void close() throws IOException {
		for (Socket socket : this.open) {
			socket.close();
		}
		this.open.clear();
	}

}
