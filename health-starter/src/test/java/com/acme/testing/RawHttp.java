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
 * One HTTP/1.1 request on a raw socket, its path sent exactly as given (an HTTP client library would normalise or
 * refuse {@code ;}, {@code %2e%2e} or {@code //}), for tests of how the server resolves paths.
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
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
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

}
