package com.acme.fleet;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.acme.testing.HttpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Membership from DNS, as a Kubernetes headless Service gives it: three replicas, each in its own JVM on its own
 * address (127.0.0.2 to 127.0.0.4) and the same port, resolve one name that a hosts file
 * ({@code -Djdk.net.hosts.file}) maps to the three addresses, and each sees all three, itself recognised.
 */
@Timeout(180)
class DnsMembershipTests {

	private static final List<String> ADDRESSES = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4");

	@TempDir
	private Path directory;

	@Test
	void everyReplicaFindsTheOthersThroughOneName() throws Exception {
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		Path hosts = this.directory.resolve("hosts");
		Files.writeString(hosts, ADDRESSES.stream().map((address) -> address + " shop.fleet.test\n").collect(
				Collectors.joining()));
		List<Process> replicas = new ArrayList<>();
		try {
			for (String address : ADDRESSES) {
				replicas.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
						"-Xmx128m", "-XX:TieredStopAtLevel=1", "-Djdk.net.hosts.file=" + hosts, "-cp",
						System.getProperty("java.class.path"), FleetApplication.class.getName(), "--server.port=" + port,
						"--server.address=" + address, "--health.fleet.dns-name=shop.fleet.test",
						"--health.stream.heartbeat=500ms", "--spring.main.banner-mode=off")
					.redirectErrorStream(true)
					.redirectOutput(this.directory.resolve(address + ".log").toFile())
					.start());
			}
			for (String address : ADDRESSES) {
				HttpTestClient client = new HttpTestClient(address, port);
				await().atMost(Duration.ofSeconds(90))
					.ignoreExceptions()
					.until(() -> client.get("/health/liveness").statusCode() == 200);
			}
			List<String> keys = ADDRESSES.stream().map((address) -> address + ":" + port).toList();
			await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
				for (String address : ADDRESSES) {
					JsonNode fleet = HttpTestClient.json(new HttpTestClient(address, port).get("/health/fleet"));
					Map<String, String> states = fleet.path("instances")
						.properties()
						.stream()
						.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().path("status").asString()));
					assertThat(states).containsOnlyKeys(keys)
						.allSatisfy((key, state) -> assertThat(state).isEqualTo("healthy"));
					assertThat(fleet.path("instances").path(address + ":" + port).path("self").asBoolean()).isTrue();
				}
			});
		}
		finally {
			for (Process replica : replicas) {
				replica.destroy();
			}
			for (Process replica : replicas) {
				if (!replica.waitFor(20, TimeUnit.SECONDS)) {
					replica.destroyForcibly();
				}
			}
		}
	}

}
