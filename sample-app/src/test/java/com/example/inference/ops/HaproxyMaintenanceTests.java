package com.example.inference.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.example.inference.InferenceApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real HAProxy in front of three sample instances, each with the maintenance switch on its health port
 * ({@code health.server.port}, which HAProxy checks and the Service would not expose): an operator's
 * {@code PUT /health/maintenance} takes that instance out, HAProxy serves every request from the other two, and
 * {@code DELETE} brings it back, while its liveness stays 200 throughout.
 */
@Timeout(120)
class HaproxyMaintenanceTests {

	private static final int INSTANCES = 3;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/** Each instance's application port, then each one's health port. */
	private final int[] ports = SampleFleet.freePorts(2 * INSTANCES);

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private Haproxy haproxy;

	@TempDir
	private Path directory;

	@AfterEach
	void stopAll() {
		if (this.haproxy != null) {
			this.haproxy.close();
		}
		this.instances.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void theInstanceInMaintenanceIsTakenOutAndEveryRequestIsServedByTheOthers() throws Exception {
		String[] servers = new String[INSTANCES];
		for (int i = 0; i < INSTANCES; i++) {
			this.instances.add(new SpringApplicationBuilder(InferenceApplication.class).run("--server.port=" + port(i),
					"--server.address=127.0.0.1", "--health.server.port=" + healthPort(i),
					"--health.server.address=127.0.0.1", "--health.maintenance.enabled=true",
					"--spring.datasource.url=jdbc:h2:mem:maintenance-" + i + ";DB_CLOSE_DELAY=-1",
					"--spring.main.banner-mode=off", "--inference.model-load-time=0s", "--server.shutdown=immediate"));
			servers[i] = port(i) + " check port " + healthPort(i);
		}
		this.haproxy = new Haproxy(this.directory, Duration.ofMillis(200), 2, servers);
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
			.until(() -> this.haproxy.serverStates().values().stream().filter("UP"::equals).count() == INSTANCES);

		HttpResponse<String> put = send("PUT", healthPort(1), "{\"reason\":\"heap dump for a leak\"}");
		assertThat(put.statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
			.until(() -> "DOWN".equals(this.haproxy.serverStates().get("r1")));
		Map<Integer, Integer> answers = new TreeMap<>();
		for (int round = 0; round < 5; round++) {
			this.haproxy.predictions(20).forEach((status, count) -> answers.merge(status, count, Integer::sum));
			assertThat(this.haproxy.serverStates()).containsEntry("r0", "UP").containsEntry("r1", "DOWN")
				.containsEntry("r2", "UP");
			assertThat(get(healthPort(1), "/health/liveness").statusCode()).isEqualTo(200);
		}
		System.out.printf("HAProxy, one of three in maintenance: POST /predict answers %s%n", answers);
		assertThat(answers).containsOnlyKeys(200);
		assertThat(get(healthPort(1), "/health/readiness").body()).contains("\"reason\":\"heap dump for a leak\"");

		assertThat(send("DELETE", healthPort(1), null).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
			.until(() -> "UP".equals(this.haproxy.serverStates().get("r1")));
	}

	private int port(int instance) {
		return this.ports[instance];
	}

	private int healthPort(int instance) {
		return this.ports[INSTANCES + instance];
	}

	private HttpResponse<String> send(String method, int port, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/maintenance"))
			.header("Content-Type", "application/json")
			.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
