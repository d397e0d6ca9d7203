package com.example.inference.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric name that the alert rules and the Grafana dashboard use must be exposed by the running sample's
 * /metrics, so a renamed metric breaks this test instead of silently blanking a panel or an alert. Prometheus's
 * own {@code up} is left out: the server makes it.
 */
@RunningSample
class MetricNamesDriftTests {

	private static final Pattern METRIC = Pattern.compile("\\b((?:health|probe|inference|http_server|jvm|process)_[a-z0-9_]+)\\b");

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE);

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void everyMetricUsedByAlertsAndDashboardIsExposed() throws Exception {
		send(HttpRequest.newBuilder(uri("/predict")).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"features\":[1,2]}")).build());
		send(HttpRequest.newBuilder(uri("/health")).build());
		Set<String> used = new TreeSet<>();
		used.addAll(names(Files.readString(Path.of("deploy", "prometheus", "alert-rules.yml"))));
		used.addAll(names(Files.readString(Path.of("deploy", "grafana", "inference-service-dashboard.json"))));
		assertThat(used).contains("health_status", "health_check_status", "probe_success", "inference_predictions_total");

		Set<String> exposed = new TreeSet<>();
		Matcher sample = SAMPLE.matcher(send(HttpRequest.newBuilder(uri("/metrics")).build()));
		while (sample.find()) {
			exposed.add(sample.group(1));
		}
		assertThat(exposed).containsAll(used);
	}

	private static Set<String> names(String text) {
		Set<String> names = new TreeSet<>();
		Matcher matcher = METRIC.matcher(text);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	private String send(HttpRequest request) throws Exception {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
