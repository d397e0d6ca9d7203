package dev.healthstarter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The host's open TCP sockets, as Linux lists them in {@code /proc/net/tcp} and {@code /proc/net/tcp6} (one socket a
 * line: {@code local_address}, {@code rem_address} as hexadecimal address and port, then the state, {@code 01} for
 * ESTABLISHED; see the kernel's {@code Documentation/networking/proc_net_tcp.rst}). IPv4 peers of a dual-stack
 * server socket appear in {@code tcp6} as IPv4-mapped addresses ({@code ::ffff:a.b.c.d}) and are read as IPv4.
 */
final class TcpSockets {

	private static final String ESTABLISHED = "01";

	/** The first 24 hexadecimal digits of an IPv4-mapped IPv6 address as {@code tcp6} writes it. */
	private static final String IPV4_MAPPED = "0000000000000000FFFF0000";

	private TcpSockets() {
	}

	/**
	 * @param localPort a server's port
	 * @return the remote ends ({@code a.b.c.d:port}, IPv4 only) of the ESTABLISHED sockets whose local port is
	 * {@code localPort}: the server's side of its IPv4 connections
	 */
	static Set<String> establishedPeers(int localPort) throws IOException {
		Set<String> peers = new HashSet<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			List<String> lines = Files.readAllLines(Path.of(table));
			for (String line : lines.subList(1, lines.size())) {
				String[] fields = line.strip().split("\\s+");
				String peer = ipv4(fields[2]);
				if (fields[3].equals(ESTABLISHED) && port(fields[1]) == localPort && peer != null) {
					peers.add(peer);
				}
			}
		}
		return peers;
	}

	private static int port(String endpoint) {
		return Integer.parseInt(endpoint.substring(endpoint.indexOf(':') + 1), 16);
	}

	/** @return {@code a.b.c.d:port} of an IPv4 or IPv4-mapped endpoint, {@code null} for any other IPv6 one */
	private static String ipv4(String endpoint) {
		String address = endpoint.substring(0, endpoint.indexOf(':'));
		if (address.length() == 32 && address.startsWith(IPV4_MAPPED)) {
			address = address.substring(IPV4_MAPPED.length());
		}
		if (address.length() != 8) {
			return null;
		}
		// the address's four bytes in network order, printed as one number in the host's (little-endian) order
		long value = Long.parseLong(address, 16);
		return (value & 0xff) + "." + ((value >> 8) & 0xff) + "." + ((value >> 16) & 0xff) + "." + ((value >> 24) & 0xff)
				+ ":" + port(endpoint);
	}

}
