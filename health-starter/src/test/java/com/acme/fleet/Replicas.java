package com.acme.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.acme.testing.FreePorts;
import com.acme.testing.HttpTestClient;
import com.acme.testing.SwitchableCheck;
import dev.healthstarter.HealthCheckResult;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replicas of {@link FleetApplication} on 127.0.0.1, each listing all of them in {@code health.fleet.peers} (or, for
 * {@link #discovered}, in Spring Cloud's simple discovery client under the service {@code orders}), with heartbeats
 * every 500 ms. Not thread-safe: used by one test.
 */
final class Replicas implements AutoCloseable {

	private final int[] ports;

	private final String[] properties;

	private final Map<Integer, ConfigurableApplicationContext> running = new LinkedHashMap<>();

	private boolean discovery;

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

	/** Starts every replica. */
	Replicas startAll() {
		for (int i = 0; i < this.ports.length; i++) {
			start(i);
		}
		return this;
	}

	void start(int replica) {
		this.running.put(replica, new SpringApplicationBuilder(FleetApplication.class)
			.properties("server.port=" + this.ports[replica], "server.address=127.0.0.1",
					"health.stream.heartbeat=500ms", "spring.main.banner-mode=off")
			.properties(membership())
			.properties(this.properties)
			.run());
	}

	private String[] membership() {
		if (!this.discovery) {
			return new String[] { "health.fleet.peers=" + Arrays.stream(this.ports)
				.mapToObj((port) -> "http://127.0.0.1:" + port)
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

	HttpTestClient client(int replica) {
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
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
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
