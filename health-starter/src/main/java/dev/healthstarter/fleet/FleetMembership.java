package dev.healthstarter.fleet;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where the fleet's members come from: each call lists every instance's base URL (scheme, host and port, with the
 * context path if any), this instance included. Called on the fleet's own thread every
 * {@code health.fleet.refresh-interval}, so a call may block (on DNS, say). Implementations are thread-safe.
 */
@FunctionalInterface
public interface FleetMembership {

	/**
	 * @param ownPort this instance's port for health, for sources that list addresses only
	 * @return every instance's base URL
	 * @throws Exception if the source cannot be read now (the last membership is kept)
	 */
	List<URI> members(int ownPort) throws Exception;

	/**
	 * The static list of {@code health.fleet.peers}.
	 * @param peers the base URLs
	 * @return the source
	 */
	static FleetMembership peers(List<URI> peers) {
		List<URI> members = List.copyOf(peers);
		return (ownPort) -> members;
	}

	/**
	 * Every A and AAAA record of a name, as a Kubernetes headless Service gives for its ready pods (Kubernetes
	 * documentation, "DNS for Services and Pods"), each an instance at {@code http://<address>:<port>}.
	 * @param name the DNS name
	 * @param port the instances' port, or {@code null} for this instance's own
	 * @return the source
	 */
	static FleetMembership dns(String name, @Nullable Integer port) {
		return dns(name, port, "http");
	}

	/**
	 * Every A and AAAA record of a name, as a Kubernetes headless Service gives for its ready pods (Kubernetes
	 * documentation, "DNS for Services and Pods"), each an instance at {@code <scheme>://<address>:<port>}: reached
	 * by its address, so over HTTPS its certificate names that address (an IP subject alternative name, RFC 2818).
	 * @param name the DNS name
	 * @param port the instances' port, or {@code null} for this instance's own
	 * @param scheme the links' scheme, {@code http} or {@code https}
	 * @return the source
	 */
	static FleetMembership dns(String name, @Nullable Integer port, String scheme) {
		return (ownPort) -> {
			List<URI> members = new ArrayList<>();
			int memberPort = (port != null) ? port : ownPort;
			for (InetAddress address : InetAddress.getAllByName(name)) {
				members.add(URI.create(scheme + "://" + authority(address, memberPort)));
			}
			return members;
		};
	}

	/**
	 * @param address an address
	 * @param port a port
	 * @return {@code host:port}, an IPv6 address in brackets (RFC 3986)
	 */
	private static String authority(InetAddress address, int port) {
		String host = address.getHostAddress();
		return (host.indexOf(':') >= 0) ? "[" + host + "]:" + port : host + ":" + port;
	}

}
