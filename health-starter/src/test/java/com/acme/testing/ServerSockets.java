package com.acme.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

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
		return count(port, false, (remotePort) -> true);
	}

	/**
	 * Counts the server's connections in state ESTABLISHED to some of its clients.
	 * @param port the server's port
	 * @param clients the clients' sockets, connected to {@code port} from this machine
	 * @return how many sockets whose local port is {@code port} and whose remote port is a client's are ESTABLISHED
	 * @throws IOException when the kernel's tables cannot be read
	 */
	public static int established(int port, List<Socket> clients) throws IOException {
		Set<Integer> clientPorts = clients.stream().map(Socket::getLocalPort).collect(Collectors.toSet());
		return count(port, false, clientPorts::contains);
	}

	/**
	 * Counts the server's connections that hold bytes the client has not taken (a non-empty send queue): its clients
	 * stopped reading and their receive buffers are full.
	 * @param port the server's port
	 * @return how many ESTABLISHED sockets whose local port is {@code port} have unsent bytes
	 * @throws IOException when the kernel's tables cannot be read
	 */
	public static int withUnsentBytes(int port) throws IOException {
		return count(port, true, (remotePort) -> true);
	}

	private static int count(int port, boolean unsentOnly, IntPredicate remotePort) throws IOException {
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
						&& remotePort.test(Integer.parseInt(fields[2].substring(fields[2].indexOf(':') + 1), 16))
						&& (!unsentOnly || Long.parseLong(fields[4].substring(0, fields[4].indexOf(':')), 16) > 0)) {
					count++;
				}
			}
		}
		return count;
	}

}
