package com.example.inference.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A real HAProxy (Debian's {@code haproxy}) on 127.0.0.1: a front end balancing {@code POST /predict} over servers
 * {@code r0}, {@code r1}, ... that it checks with {@code GET /health/readiness} (expecting 200), and its statistics
 * page, read as CSV for each server's state. Not thread-safe: used by one test.
 */
final class Haproxy implements AutoCloseable {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/** The front end, then the statistics page. */
	private final int[] ports = SampleFleet.freePorts(2);

	private final Process process;

	/**
	 * Starts HAProxy.
	 * @param directory where its configuration and log go
	 * @param interval how often it checks each server
	 * @param fall failed checks in a row that take a server DOWN (two successes bring it back)
	 * @param servers each server as {@code "port"}, or {@code "port check port healthPort"} to check another port
	 * @throws IOException if it cannot start
	 */
	Haproxy(Path directory, Duration interval, int fall, String... servers) throws IOException {
		Path haproxy = ExternalTools.require("haproxy", "haproxy");
		StringBuilder config = new StringBuilder("""
				global
				  maxconn 2000
				defaults
				  mode http
				  # a request that finds its server gone (killed, not yet marked DOWN) is sent to another one
				  retries 3
				  option redispatch 1
				  timeout connect 1s
				  timeout client 10s
				  timeout server 10s
				frontend stats
				  bind 127.0.0.1:%d
				  stats enable
				  stats uri /stats
				frontend service
				  bind 127.0.0.1:%d
				  default_backend instances
				backend instances
				  option httpchk GET /health/readiness
				  http-check expect status 200
				  default-server inter %dms fall %d rise 2
				""".formatted(this.ports[1], this.ports[0], interval.toMillis(), fall));
		for (int i = 0; i < servers.length; i++) {
			config.append("  server r").append(i).append(" 127.0.0.1:").append(servers[i]).append(" check\n");
		}
		Path file = directory.resolve("haproxy.cfg");
		Files.writeString(file, config);
		this.process = new ProcessBuilder(haproxy.toString(), "-db", "-f", file.toString()).redirectErrorStream(true)
			.redirectOutput(directory.resolve("haproxy.log").toFile())
			.start();
	}

	/** @return each server's state as HAProxy's statistics (CSV) give it: UP, DOWN, or a transition */
	Map<String, String> serverStates() throws IOException, InterruptedException {
		Map<String, String> states = new LinkedHashMap<>();
		String csv = this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.ports[1] + "/stats;csv"))
			.build(), HttpResponse.BodyHandlers.ofString()).body();
		for (String line : csv.split("\n")) {
			String[] fields = line.split(",");
			if (fields.length > 17 && "instances".equals(fields[0]) && fields[1].startsWith("r")) {
				states.put(fields[1], fields[17]);
			}
		}
		return states;
	}

	/**
	 * @param count how many predictions to make through the front end
	 * @return how many got each status
	 */
	Map<Integer, Integer> predictions(int count) throws IOException, InterruptedException {
		Map<Integer, Integer> statuses = new TreeMap<>();
		for (int i = 0; i < count; i++) {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.ports[0] + "/predict"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"features\":[0.5,1.5," + i + "]}"))
				.build();
			statuses.merge(this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode(), 1,
					Integer::sum);
		}
		return statuses;
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

}
