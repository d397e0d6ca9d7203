package dev.healthstarter.autoconfigure;

import java.net.URI;
import java.util.List;

import dev.healthstarter.autoconfigure.HealthFleetProperties.FailOpen;
import dev.healthstarter.autoconfigure.HealthFleetProperties.Scheme;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@code health.fleet.*} ({@link HealthFleetProperties}): one membership source, peers that are base URLs
 * of the links' scheme, an SSL bundle only over https, positive bounds, and a fail-open share, quorum, delay and
 * groups that can work (never liveness).
 */
final class HealthFleetPropertiesValidator extends PropertiesValidator<HealthFleetProperties> {

	HealthFleetPropertiesValidator() {
		super(HealthFleetProperties.class);
	}

	@Override
	void validate(HealthFleetProperties properties) {
		@Nullable String serviceId = properties.getServiceId();
		@Nullable String dnsName = properties.getDnsName();
		List<URI> peers = properties.getPeers();
		if (serviceId != null) {
			require(dnsName == null && peers.isEmpty(), "health.fleet.service-id", serviceId,
					"set one membership source only, not both it and health.fleet."
							+ ((dnsName != null) ? "dns-name" : "peers"));
		}
		if (dnsName != null) {
			require(peers.isEmpty(), "health.fleet.dns-name", dnsName,
					"set one membership source only, not both it and health.fleet.peers");
		}
		for (int i = 0; i < peers.size(); i++) {
			validatePeer("health.fleet.peers[" + i + "]", peers.get(i), properties.getScheme());
		}
		@Nullable String bundle = properties.getSsl().getBundle();
		if (bundle != null) {
			require(properties.getScheme() == Scheme.HTTPS, "health.fleet.ssl.bundle", bundle,
					"a bundle applies to links over TLS only: set health.fleet.scheme=https as well");
		}
		require(properties.getMaxPeers() >= 1, "health.fleet.max-peers", properties.getMaxPeers(),
				"at least one peer must be watched");
		require(properties.getMaxChecksPerPeer() >= 1, "health.fleet.max-checks-per-peer",
				properties.getMaxChecksPerPeer(), "must be at least 1");
		requirePositive("health.fleet.refresh-interval", properties.getRefreshInterval());
		require(!properties.getCoalesce().isNegative(), "health.fleet.coalesce", properties.getCoalesce(),
				"must not be negative (0 applies every report of a peer at once)");
		validate(properties.getFailOpen());
	}

	private static void validatePeer(String property, URI peer, Scheme scheme) {
		require(("http".equals(peer.getScheme()) || "https".equals(peer.getScheme())) && peer.getHost() != null,
				property, peer, "a peer is a base URL such as http://10.1.2.3:8080");
		require(scheme.value().equals(peer.getScheme()), property, peer, (scheme == Scheme.HTTPS)
				? "health.fleet.scheme is https: list every peer as https://host:port, so that no link carries the "
						+ "token or the states in clear text"
				: "health.fleet.scheme is http (the default), and every link uses the one scheme: set "
						+ "health.fleet.scheme=https, with health.fleet.ssl.bundle, for links over TLS");
	}

	private static void validate(FailOpen failOpen) {
		require(!failOpen.getDelay().isNegative(), "health.fleet.fail-open.delay", failOpen.getDelay(),
				"must not be negative (0 starts and ends failing open at once)");
		require(failOpen.getThreshold() > 0 && failOpen.getThreshold() <= 1, "health.fleet.fail-open.threshold",
				failOpen.getThreshold(), "a share of the instances, above 0 and at most 1");
		require(failOpen.getMinInstances() >= 1, "health.fleet.fail-open.min-instances", failOpen.getMinInstances(),
				"at least 1 (3 or more is a quorum)");
		require(!failOpen.getGroups().contains("liveness"), "health.fleet.fail-open.groups", failOpen.getGroups(),
				"liveness never fails open: a restart does not cure a dependency the whole fleet shares");
	}

}
