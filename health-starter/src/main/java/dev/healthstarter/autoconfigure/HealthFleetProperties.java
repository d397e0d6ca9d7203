package dev.healthstarter.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the fleet: the other replicas of this service that this instance watches ({@code health.fleet.*}).
 * The fleet is off unless one membership source is set: {@code peers}, {@code dns-name} or {@code service-id}.
 */
@ConfigurationProperties("health.fleet")
public class HealthFleetProperties {

	/**
	 * Base URLs of every instance of the fleet, this one included (for example http://10.1.2.3:8080); each is
	 * watched at its health base path.
	 */
	private List<URI> peers = new ArrayList<>();

	/**
	 * DNS name whose every A and AAAA record is an instance, as a Kubernetes headless Service gives; re-resolved
	 * every refresh-interval.
	 */
	private @Nullable String dnsName;

	/**
	 * Service whose instances, as Spring Cloud's DiscoveryClient lists them, are the fleet (Kubernetes, Consul,
	 * Eureka); needs spring-cloud-commons and a discovery client on the class path.
	 */
	private @Nullable String serviceId;

	/**
	 * Port of the instances found through dns-name or service-id; by default this instance's own port for health (the
	 * health port when health.server.port is set, else server.port).
	 */
	private @Nullable Integer port;

	/**
	 * Time between two readings of the membership source: resolutions of dns-name, listings of service-id.
	 */
	private Duration refreshInterval = Duration.ofSeconds(30);

	/**
	 * Most peers watched; past that, that many are chosen at random once per membership change and the fleet view
	 * says it is a sample.
	 */
	private int maxPeers = 32;

	/**
	 * Most checks a peer's frame may hold; a peer that sends more, or a check name longer than 128 characters, is
	 * unknown.
	 */
	private int maxChecksPerPeer = 256;

	/**
	 * Shared secret that peers send as a bearer token (RFC 6750) to see each check's name and state, and nothing
	 * more, whatever show-components says for anonymous callers. Without it the link sees what an anonymous caller
	 * sees.
	 */
	private @Nullable String token;

	/**
	 * Shortest time between two state reports of one peer that are applied; a report that arrives sooner is held
	 * and applied at the end of that time, unless a newer one replaced it. Zero applies every report at once.
	 */
	private Duration coalesce = Duration.ofMillis(250);

	/**
	 * Scheme of the links to the peers; with https each peer is authenticated by its certificate and the token and
	 * states travel encrypted. Members found through dns-name or service-id are reached with it; every peers URL
	 * must use it.
	 */
	private Scheme scheme = Scheme.HTTP;

	private final Ssl ssl = new Ssl();

	private final FailOpen failOpen = new FailOpen();

	public List<URI> getPeers() {
		return this.peers;
	}

	public void setPeers(List<URI> peers) {
		this.peers = peers;
	}

	public @Nullable String getDnsName() {
		return this.dnsName;
	}

	public void setDnsName(@Nullable String dnsName) {
		this.dnsName = dnsName;
	}

	public @Nullable String getServiceId() {
		return this.serviceId;
	}

	public void setServiceId(@Nullable String serviceId) {
		this.serviceId = serviceId;
	}

	public @Nullable Integer getPort() {
		return this.port;
	}

	public void setPort(@Nullable Integer port) {
		this.port = port;
	}

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

	public int getMaxPeers() {
		return this.maxPeers;
	}

	public void setMaxPeers(int maxPeers) {
		this.maxPeers = maxPeers;
	}

	public int getMaxChecksPerPeer() {
		return this.maxChecksPerPeer;
	}

	public void setMaxChecksPerPeer(int maxChecksPerPeer) {
		this.maxChecksPerPeer = maxChecksPerPeer;
	}

	public @Nullable String getToken() {
		return this.token;
	}

	public void setToken(@Nullable String token) {
		this.token = token;
	}

	public Duration getCoalesce() {
		return this.coalesce;
	}

	public void setCoalesce(Duration coalesce) {
		this.coalesce = coalesce;
	}

	public Scheme getScheme() {
		return this.scheme;
	}

	public void setScheme(Scheme scheme) {
		this.scheme = scheme;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public FailOpen getFailOpen() {
		return this.failOpen;
	}

	/**
	 * Scheme of the fleet's links.
	 */
	public enum Scheme {

		/** Links in clear text. */
		HTTP,

		/** Links over TLS: each peer is authenticated by its server certificate (RFC 2818). */
		HTTPS;

		/**
		 * @return the URI scheme, {@code http} or {@code https}
		 */
		public String value() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * TLS of the fleet's links ({@code health.fleet.ssl.*}).
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) whose trust store verifies each peer's certificate and whose
		 * key store, if any, is presented as this instance's client certificate; without it, links over https trust
		 * what the JVM trusts.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * Readiness that fails open ({@code health.fleet.fail-open.*}): a check unhealthy on much of the fleet counts
	 * as degraded in the configured groups, so a shared outage does not take every instance out of rotation.
	 */
	public static class FailOpen {

		/**
		 * Whether the groups fail open. Leave it off when every request needs the failing dependency: serving 503
		 * from every instance is then the truthful answer.
		 */
		private boolean enabled;

		/**
		 * Share of the reachable instances (this one included, unknown ones left out) on which a check must be
		 * unhealthy for the groups to count it as degraded; also the share that makes the fleet's own status
		 * unhealthy.
		 */
		private double threshold = 0.5;

		/**
		 * Fewest reachable instances, this one included, for failing open at all: a quorum, so that an instance cut
		 * off with one other never takes their agreement for the fleet's.
		 */
		private int minInstances = 3;

		/**
		 * Groups that fail open. Liveness never should: a restart does not cure a shared dependency.
		 */
		private Set<String> groups = new LinkedHashSet<>(Set.of("readiness"));

		/**
		 * How long a check must meet the threshold before the groups start failing open on it, and miss it before
		 * they stop, so that a flapping peer moves no decision. Zero decides at once.
		 */
		private Duration delay = Duration.ofSeconds(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public double getThreshold() {
			return this.threshold;
		}

		public void setThreshold(double threshold) {
			this.threshold = threshold;
		}

		public int getMinInstances() {
			return this.minInstances;
		}

		public void setMinInstances(int minInstances) {
			this.minInstances = minInstances;
		}

		public Set<String> getGroups() {
			return this.groups;
		}

		public void setGroups(Set<String> groups) {
			this.groups = groups;
		}

		public Duration getDelay() {
			return this.delay;
		}

		public void setDelay(Duration delay) {
			this.delay = delay;
		}

	}

}
