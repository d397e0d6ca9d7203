package com.acme.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports free on the loopback address, for servers that must know each other's ports before they start. They are taken
 * below the kernel's ephemeral range ({@code net.ipv4.ip_local_port_range}, Linux): a port from that range, free
 * when chosen, can be handed to any outgoing connection (a peer's link, a test client) or to another process's
 * {@code ServerSocket(0)} before the server that was meant to have it binds it.
 */
public final class FreePorts {

	/** Lowest port handed out. */
	private static final int LOWEST = 10_000;

	private FreePorts() {
	}

	/**
	 * @param count how many ports
	 * @return that many distinct ports, each free a moment ago
	 */
	public static int[] loopback(int count) {
		int below = ephemeralStart();
		Set<Integer> ports = new LinkedHashSet<>();
		for (int attempt = 0; ports.size() < count && attempt < 10_000; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
			if (!ports.contains(port) && free(port)) {
				ports.add(port);
			}
		}
		if (ports.size() < count) {
			throw new IllegalStateException("no " + count + " free ports between " + LOWEST + " and " + below);
		}
		return ports.stream().mapToInt(Integer::intValue).toArray();
	}

	private static boolean free(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** The first port of the ephemeral range, or Linux's default start where the range cannot be read. */
	private static int ephemeralStart() {
		try {
			String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
			return Math.max(LOWEST + 1000, Integer.parseInt(range.split("\\s+")[0]));
		}
		catch (IOException | RuntimeException ex) {
			return 32_768;
		}
	}

}
