package com.example.inference.ops;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus server (Debian's {@code prometheus}) on 127.0.0.1 scrapes the running sample every second;
 * through its HTTP API the {@code health_status} and {@code health_check_status} series arrive with the right
 * values once a readiness probe has evaluated the checks (until then a group's state is unknown, NaN), also after
 * the feature store goes down while the probe keeps evaluating them.
 */
@RunningSample
class PrometheusServerTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	private int prometheusPort;

	@Test
	void healthSeriesArriveInPrometheusAndFollowAStateChange(@TempDir Path directory) throws Exception {
		Path prometheus = ExternalTools.require("prometheus", "prometheus");
		this.prometheusPort = freePort();
		Path config = directory.resolve("prometheus.yml");
		Files.writeString(config, """
				global:
				  scrape_interval: 1s
				scrape_configs:
				  - job_name: inference-service
				    metrics_path: /metrics
				    static_configs:
				      - targets: ["127.0.0.1:%d"]
				""".formatted(this.port));
		Process server = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
				"--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + this.prometheusPort)
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("prometheus.log").toFile())
			.start();
		try {
			await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				probeReadiness();
				assertThat(query("health_status{job=\"inference-service\",group=\"readiness\"}")).isEqualTo(1.0);
				assertThat(query("health_check_status{job=\"inference-service\",check=\"featureStore\"}")).isEqualTo(1.0);
			});
			outage("PUT");
			await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				probeReadiness();
				assertThat(query("health_check_status{job=\"inference-service\",check=\"featureStore\"}")).isEqualTo(0.0);
				assertThat(query("health_status{job=\"inference-service\",group=\"readiness\"}")).isEqualTo(0.0);
			});
		}
		finally {
			outage("DELETE");
			server.destroy();
			if (!server.waitFor(10, TimeUnit.SECONDS)) {
				server.destroyForcibly();
			}
		}
	}

	/** As the kubelet's readiness probe does: gauges show the latest evaluation, and a scrape never runs a check. */
	private void probeReadiness() throws IOException, InterruptedException {
		this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/health/readiness")).build(),
				HttpResponse.BodyHandlers.discarding());
	}

	/** @return the query's single value, or NaN while it has none */
	private double query(String expression) throws IOException, InterruptedException {
		URI uri = URI.create("http://127.0.0.1:" + this.prometheusPort + "/api/v1/query?query="
				+ URLEncoder.encode(expression, StandardCharsets.UTF_8));
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
		JsonNode result = JsonMapper.shared().readTree(response.body()).path("data").path("result");
		return result.isEmpty() ? Double.NaN : Double.parseDouble(result.get(0).get("value").get(1).asString());
	}

	private void outage(String method) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/stub/feature-store/outage"))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		this.http.send(request, HttpResponse.BodyHandlers.discarding());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
