package com.acme.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Stream clients on raw sockets, for what an HTTP client library hides: a client that stops reading (a small
 * receive buffer it never drains), one that connects from another loopback address, one that leaves at once.
 */
public final class RawStreamClient {

	private RawStreamClient() {
	}

	/**
	 * Opens a stream and never reads it: its 2 KB receive buffer fills and the server's writes find no room.
	 * @param port the server's port
	 * @param path the stream's path and query
	 * @return the open socket; the caller closes it
	 * @throws IOException when the connection fails
	 */
	public static Socket stalled(int port, String path) throws IOException {
		return withReceiveBuffer(2048, port, path);
	}

	/**
	 * Opens a stream with a small receive buffer, so the server sends only as fast as the caller reads.
	 * @param bytes the receive buffer's size
	 * @param port the server's port
	 * @param path the stream's path and query
	 * @return the open socket, request sent; the caller reads and closes it
	 * @throws IOException when the connection fails
	 */
	public static Socket withReceiveBuffer(int bytes, int port, String path) throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(bytes);
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		request(socket, path);
		return socket;
	}

	/**
	 * Opens a connection from a given loopback address.
	 * @param from the local address, for example {@code 127.0.0.2}
	 * @param port the server's port
	 * @param path the path and query
	 * @param headers more header lines, such as {@code Authorization: Bearer ...}
	 * @return the open socket, request sent; the caller closes it
	 * @throws IOException when the connection fails
	 */
	public static Socket from(String from, int port, String path, String... headers) throws IOException {
		Socket socket = new Socket();
		socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		socket.setSoTimeout(10_000);
		request(socket, path, headers);
		return socket;
	}

	/**
	 * Sends {@code GET path} over HTTP/1.0 with {@code Accept: text/event-stream}.
	 * @param socket the connected socket
	 * @param path the path and query
	 * @param headers more header lines, such as {@code Authorization: Basic ...}
	 * @throws IOException when the write fails
	 */
	public static void request(Socket socket, String path, String... headers) throws IOException {
		StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n"
				+ "Accept: text/event-stream\r\n");
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		OutputStream out = socket.getOutputStream();
		out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	/**
	 * Reads the response's status line and headers.
	 * @param reader the socket's reader
	 * @return the lines up to the blank line, status line first
	 * @throws IOException when the read fails or the connection ends first
	 */
	public static List<String> head(BufferedReader reader) throws IOException {
		List<String> lines = new java.util.ArrayList<>();
		String line;
		while ((line = reader.readLine()) != null && !line.isEmpty()) {
			lines.add(line);
		}
		if (line == null && lines.isEmpty()) {
			throw new IOException("connection ended before a response");
		}
		return lines;
	}

	/**
	 * @param socket the socket
	 * @return a UTF-8 reader of what the server sends
	 * @throws IOException when the socket is closed
	 */
	public static BufferedReader reader(Socket socket) throws IOException {
		return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
	}

}
