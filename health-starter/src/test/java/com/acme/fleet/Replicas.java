package com.acme.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import com.acme.testing.FreePorts;
import com.acme.testing.HttpTestClient;
import com.acme.testing.SwitchableCheck;
import dev.healthstarter.HealthCheckResult;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replicas of {@link FleetApplication} on 127.0.0.1, each listing all of them in {@code health.fleet.peers} (or, for
 * {@link #discovered}, in Spring Cloud's simple discovery client under the service {@code orders}), with heartbeats
 * every 500 ms; {@link #overHttps} replicas serve HTTPS only and link over it. Not thread-safe: used by one test.
 */
final class Replicas implements AutoCloseable {

	private final int[] ports;

	private final String[] properties;

	private final Map<Integer, ConfigurableApplicationContext> running = new LinkedHashMap<>();

	private boolean discovery;

	private boolean https;

	/** Members listed besides the replicas, as base URLs. */
	private final List<String> alsoListed = new ArrayList<>();

	/**
	 * @param count how many replicas
	 * @param properties more properties for every replica
	 */
	Replicas(int count, String... properties) {
		this.ports = FreePorts.loopback(count);
		this.properties = properties;
	}

	/**
	 * @param count how many replicas
	 * @param properties more properties for every replica
	 * @return replicas that find each other through Spring Cloud's {@code DiscoveryClient}
	 */
	static Replicas discovered(int count, String... properties) {
		Replicas replicas = new Replicas(count, properties);
		replicas.discovery = true;
		return replicas;
	}

	/**
	 * Makes these replicas serve HTTPS only, with the test CA's certificate for 127.0.0.1
	 * ({@code fleet-tls/member.p12}) in the SSL bundle {@code fleet}, ask their clients for a certificate the CA
	 * issued (mutual TLS), and link to each other over HTTPS with that bundle ({@code health.fleet.scheme=https},
	 * {@code health.fleet.ssl.bundle=fleet}); peers are listed as {@code https} URLs, discovered instances are
	 * registered as {@code http} ones. Before they start.
	 * @return these replicas
	 */
	Replicas overHttps() {
		this.https = true;
		return this;
	}

	/**
	 * @param name a bundle's name
	 * @param keyStore the bundle's key store, a file of {@code fleet-tls}, whose certificate this replica serves
	 * @return the properties of an SSL bundle with that key store and the test CA as trust store, served by the
	 * replica ({@code server.ssl.bundle})
	 */
	static String[] serving(String name, String keyStore) {
		String bundle = "spring.ssl.bundle.jks." + name;
		return new String[] { bundle + ".keystore.location=classpath:fleet-tls/" + keyStore,
				bundle + ".keystore.password=changeit", bundle + ".keystore.type=PKCS12",
				bundle + ".truststore.location=classpath:fleet-tls/trust.p12", bundle + ".truststore.password=changeit",
				bundle + ".truststore.type=PKCS12", "server.ssl.bundle=" + name };
	}

	/**
	 * Lists one more member, besides the replicas, before they start.
	 * @param member its base URL
	 * @return these replicas
	 */
	Replicas alsoListing(String member) {
		this.alsoListed.add(member);
		return this;
	}

	/** Starts every replica. */
	Replicas startAll() {
		for (int i = 0; i < this.ports.length; i++) {
			start(i);
		}
		return this;
	}

	/**
	 * Starts a replica.
	 * @param replica which
	 * @param more properties of this replica alone, over the others
	 */
	void start(int replica, String... more) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(FleetApplication.class)
			.properties("server.port=" + this.ports[replica], "server.address=127.0.0.1",
					"health.stream.heartbeat=500ms", "spring.main.banner-mode=off")
			.properties(membership());
		if (this.https) {
			application.properties(serving("fleet", "member.p12"))
				.properties("server.ssl.client-auth=need", "health.fleet.scheme=https",
						"health.fleet.ssl.bundle=fleet");
		}
		this.running.put(replica, application.properties(this.properties).properties(more).run());
	}

	private String[] membership() {
		if (!this.discovery) {
			String scheme = this.https ? "https" : "http";
			return new String[] { "health.fleet.peers=" + Stream.concat(Arrays.stream(this.ports)
				.mapToObj((port) -> scheme + "://127.0.0.1:" + port), this.alsoListed.stream())
				.collect(Collectors.joining(",")) };
		}
		// Spring Cloud's discovery health indicator says UNKNOWN until a service registry registers this instance,
		// which the simple discovery client never does
		List<String> properties = new ArrayList<>(List.of("health.fleet.service-id=orders",
				"spring.cloud.discovery.client.health-indicator.enabled=false"));
		for (int i = 0; i < this.ports.length; i++) {
			properties.add("spring.cloud.discovery.client.simple.instances.orders[" + i + "].uri=http://127.0.0.1:"
					+ this.ports[i]);
		}
		return properties.toArray(String[]::new);
	}

	void stop(int replica) {
		this.running.remove(replica).close();
	}

	int port(int replica) {
		return this.ports[replica];
	}

	/** @return the replica's key in the fleet view */
	String key(int replica) {
		return "127.0.0.1:" + this.ports[replica];
	}

	List<String> keys() {
		return Arrays.stream(this.ports).mapToObj((port) -> "127.0.0.1:" + port).toList();
	}

	ConfigurableApplicationContext context(int replica) {
		return this.running.get(replica);
	}

	/** @return a client of the replica; over HTTPS, with the replica's own bundle as trust and client certificate */
	HttpTestClient client(int replica) {
		if (this.https) {
			SSLContext ssl = context(replica).getBean(SslBundles.class).getBundle("fleet").createSslContext();
			return HttpTestClient.https(this.ports[replica], ssl);
		}
		return new HttpTestClient(this.ports[replica]);
	}

	/** Sets the replica's database check, and waits until the replica itself reports the change. */
	void database(int replica, HealthCheckResult result) {
		context(replica).getBean(SwitchableCheck.class).set(result);
		String state = result.state().value();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> HttpTestClient.json(client(replica).get("/health"))
				.path("checks")
				.path("database")
				.path("state")
				.asString(), state::equals);
	}

	/**
	 * Waits up to 10 s until each of the given replicas sees every replica healthy, itself marked {@code self}: a link
	 * to a replica that started later waits out its backoff (up to 2.4 s), longer on a loaded machine.
	 * @param seers the replicas that look
	 */
	void awaitSeenHealthyBy(int... seers) {
		awaitSeenHealthyBy(Duration.ofSeconds(10), seers);
	}

	/**
	 * Waits until each of the given replicas sees every replica healthy, itself marked {@code self}.
	 * @param most how long at most
	 * @param seers the replicas that look
	 */
	void awaitSeenHealthyBy(Duration most, int... seers) {
		await().atMost(most).untilAsserted(() -> {
			for (int seer : seers) {
				JsonNode fleet = fleet(seer);
				assertThat(states(seer)).containsOnlyKeys(keys())
					.allSatisfy((key, state) -> assertThat(state).isEqualTo("healthy"));
				assertThat(fleet.path("instances").path(key(seer)).path("self").asBoolean()).isTrue();
			}
		});
	}

	/** @return the replica's {@code GET /health/fleet} */
	JsonNode fleet(int replica) {
		return HttpTestClient.json(client(replica).get("/health/fleet"));
	}

	/** @return each instance's status in the replica's fleet view, by key */
	Map<String, String> states(int replica) {
		return fleet(replica).path("instances")
			.properties()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().path("status").asString()));
	}

	@Override
	public void close() {
		this.running.values().forEach(ConfigurableApplicationContext::close);
		this.running.clear();
	}

}
