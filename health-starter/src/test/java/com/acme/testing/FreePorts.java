package com.acme.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Ports free on the loopback address, for servers that must know each other's ports before they start. */
public final class FreePorts {

	private FreePorts() {
	}

	/**
	 * @param count how many ports
	 * @return that many distinct ports, each free a moment ago
	 */
	public static int[] loopback(int count) {
		int[] ports = new int[count];
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				sockets.add(socket);
				ports[i] = socket.getLocalPort();
			}
			for (ServerSocket socket : sockets) {
				socket.close();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return ports;
	}

}
