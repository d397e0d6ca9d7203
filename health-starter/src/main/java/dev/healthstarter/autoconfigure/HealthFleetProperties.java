package dev.healthstarter.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
	 * Port of the instances found through dns-name; by default this instance's own port for health (the health
	 * port when health.server.port is set, else server.port).
	 */
	private @Nullable Integer port;

	/**
	 * Time between two resolutions of dns-name.
	 */
	private Duration refreshInterval = Duration.ofSeconds(30);

	/**
	 * Most peers watched; past that, that many are chosen at random once per membership change and the fleet view
	 * says it is a sample.
	 */
	private int maxPeers = 32;

	/**
	 * Shared secret that peers send as a bearer token (RFC 6750) to see each check's name and state, and nothing
	 * more, whatever show-components says for anonymous callers. Without it the link sees what an anonymous caller
	 * sees.
	 */
	private @Nullable String token;

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

	public @Nullable String getToken() {
		return this.token;
	}

	public void setToken(@Nullable String token) {
		this.token = token;
	}

}
