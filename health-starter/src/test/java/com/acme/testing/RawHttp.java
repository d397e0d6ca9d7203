package com.acme.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP request on a raw socket of its own: its path sent exactly as given (an HTTP client library would normalise or
 * refuse {@code ;}, {@code %2e%2e} or {@code //}), for tests of how the server resolves paths, and on a connection
 * closed once answered, for tests that count the server's connections.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * @param port the server's port on 127.0.0.1
	 * @param path the request target, sent as is
	 * @return the response's status code
	 */
	public static int status(int port, String path) {
		try (Socket socket = send(port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close")) {
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream statusLine = new ByteArrayOutputStream();
			int b;
			while ((b = in.read()) != -1 && b != '\n') {
				statusLine.write(b);
			}
			String line = statusLine.toString(StandardCharsets.US_ASCII);
			return Integer.parseInt(line.split(" ")[1]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads one sample of {@code /metrics} over HTTP/1.0, on a connection the server closes once it has answered: no
	 * connection of a client's pool stays open to the server.
	 * @param port the server's port on 127.0.0.1
	 * @param name the sample's name
	 * @param labels its labels exactly as written, such as {@code {reason="slow"}}, or empty
	 * @return the sample's value
	 */
	public static double metric(int port, String name, String labels) {
		try (Socket socket = send(port, "GET /metrics HTTP/1.0\r\nHost: 127.0.0.1")) {
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			Double value = HttpTestClient.metricIn(response, name, labels);
			if (value == null) {
				throw new IllegalStateException("no sample " + name + labels + " in " + response);
			}
			return value;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Socket send(int port, String head) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		socket.setSoTimeout(10_000);
		OutputStream out = socket.getOutputStream();
		out.write((head + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
		return socket;
	}

}
