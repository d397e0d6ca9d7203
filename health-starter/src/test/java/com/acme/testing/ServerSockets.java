package com.acme.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the kernel's view of a server's TCP sockets ({@code /proc/net/tcp} and {@code tcp6}, Linux): what no HTTP
 * client can see, such as a connection the server still holds after it dropped the stream on it.
 */
public final class ServerSockets {

	private static final String ESTABLISHED = "01";

	private ServerSockets() {
	}

	/**
	 * Counts the server's connections in state ESTABLISHED.
	 * @param port the server's port
	 * @return how many sockets whose local port is {@code port} are ESTABLISHED
	 * @throws IOException when the kernel's tables cannot be read
	 */
	public static int established(int port) throws IOException {
		return count(port, false);
	}

	/**
	 * Counts the server's connections that hold bytes the client has not taken (a non-empty send queue): its clients
	 * stopped reading and their receive buffers are full.
	 * @param port the server's port
	 * @return how many ESTABLISHED sockets whose local port is {@code port} have unsent bytes
	 * @throws IOException when the kernel's tables cannot be read
	 */
	public static int withUnsentBytes(int port) throws IOException {
		return count(port, true);
	}

	private static int count(int port, boolean unsentOnly) throws IOException {
		String hexPort = String.format(Locale.ROOT, "%04X", port);
		int count = 0;
		for (String file : new String[] { "/proc/net/tcp", "/proc/net/tcp6" }) {
			Path path = Path.of(file);
			if (!Files.exists(path)) {
				continue;
			}
			for (String line : Files.readAllLines(path)) {
				String[] fields = line.trim().split("\\s+");
				if (fields.length > 4 && fields[1].endsWith(":" + hexPort) && fields[3].equals(ESTABLISHED)
						&& (!unsentOnly || Long.parseLong(fields[4].substring(0, fields[4].indexOf(':')), 16) > 0)) {
					count++;
				}
			}
		}
		return count;
	}

}
