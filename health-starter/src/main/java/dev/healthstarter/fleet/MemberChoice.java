package dev.healthstarter.fleet;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * One reading of the membership, sorted out: which member is this instance, and the others by key ({@code host:port}),
 * from which the peers to watch are sampled. Invariants: at most one member is this instance (the first that matches
 * its port and one of its addresses); an instance not listed counts itself by its own address; a sample is chosen at
 * random. Immutable; {@link #of} may block on a DNS lookup.
 *
 * @param selfKey this instance's key
 * @param selfListed whether this instance is among the members
 * @param others the other members by key, in the membership's order
 */
record MemberChoice(String selfKey, boolean selfListed, Map<String, URI> others) {

	/**
	 * @param members the members' base URLs
	 * @param port this instance's port for health
	 * @param ownAddress the address the server is bound to, or {@code null} for every local address
	 * @return the members sorted out
	 */
	static MemberChoice of(List<URI> members, int port, Supplier<@Nullable InetAddress> ownAddress) {
		String selfKey = null;
		Map<String, URI> others = new LinkedHashMap<>();
		for (URI member : members) {
			String key = key(member);
			if (selfKey == null && isSelf(member, port, ownAddress)) {
				selfKey = key;
			}
			else {
				others.put(key, member);
			}
		}
		boolean selfListed = selfKey != null;
		return new MemberChoice(selfListed ? selfKey : ownKey(port, ownAddress), selfListed, others);
	}

	/**
	 * @param maxPeers most peers watched
	 * @return the keys of at most {@code maxPeers} of the other members, chosen at random
	 */
	List<String> sample(int maxPeers) {
		List<String> watched = new ArrayList<>(this.others.keySet());
		Collections.shuffle(watched);
		return watched.subList(0, Math.min(watched.size(), maxPeers));
	}

	/**
	 * @param member a member's base URL
	 * @return its authority, {@code host:port}
	 */
	static String key(URI member) {
		int port = (member.getPort() != -1) ? member.getPort() : ("https".equals(member.getScheme()) ? 443 : 80);
		return member.getHost() + ":" + port;
	}

	private static boolean isSelf(URI member, int port, Supplier<@Nullable InetAddress> ownAddress) {
		int memberPort = (member.getPort() != -1) ? member.getPort() : ("https".equals(member.getScheme()) ? 443 : 80);
		if (memberPort != port || member.getHost() == null) {
			return false;
		}
		try {
			InetAddress host = InetAddress.getByName(member.getHost());
			InetAddress own = ownAddress.get();
			if (own != null && !own.isAnyLocalAddress()) {
				return host.equals(own);
			}
			return host.isLoopbackAddress() || host.isAnyLocalAddress() || NetworkInterface.getByInetAddress(host) != null;
		}
		catch (UnknownHostException | SocketException ex) {
			return false;
		}
	}

	private static String ownKey(int port, Supplier<@Nullable InetAddress> ownAddress) {
		InetAddress own = ownAddress.get();
		try {
			InetAddress address = (own != null && !own.isAnyLocalAddress()) ? own : InetAddress.getLocalHost();
			return address.getHostAddress() + ":" + port;
		}
		catch (UnknownHostException ex) {
			return "localhost:" + port;
		}
	}

}
