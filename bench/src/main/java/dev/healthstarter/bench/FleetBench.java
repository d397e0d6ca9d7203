package dev.healthstarter.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * P9: one real instance (the sample app, fail-open on) watching 200 and 1,000 simulated peers
 * ({@link PeerSimulator}), beside a baseline instance in the same run whose fleet is itself alone. Prints, per
 * size: how long until every peer is linked, heap after a full GC and its growth per peer over the baseline,
 * threads, CPU while only heartbeats flow, the propagation from a peer's change (written by the simulator) to the
 * instance's {@code /health/fleet/$stream} (p50/p99/max over 200 changes, one every 50 ms), and the time from a
 * shared outage (the instance's own feature store and every peer's at once) until {@code /health/readiness}
 * answers 200 with {@code failingOpen}. Targets: p99 ≤ 200 ms at 200 peers, heap ≤ 50 KB per peer, fail-open
 * within 2 s.
 */
public final class FleetBench {

	private static final int PORT = 18120;

	private static final long HEARTBEAT_MILLIS = 500;

	private static final int CHANGES = 200;

	private static final Duration QUIET = Duration.ofSeconds(20);

	/** How long one peer flaps as fast as a link reads it: a new state every 5 ms. */
	private static final Duration FLAPPING = Duration.ofSeconds(10);

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private FleetBench() {
	}

	/**
	 * @param args the sample app's class path, then the peer counts (200 and 1,000 by default)
	 * @throws Exception if a server cannot start
	 */
	public static void main(String[] args) throws Exception {
		List<Integer> sizes = (args.length > 1) ? Stream.of(args).skip(1).map(Integer::valueOf).toList()
				: List.of(200, 1000);
		List<Figures> rows = new ArrayList<>();
		rows.add(measure(args[0], 0));
		for (int size : sizes) {
			rows.add(measure(args[0], size));
		}
		Figures base = rows.get(0);
		System.out.println();
		System.out.println("P9: one instance watching simulated peers (heartbeats every " + HEARTBEAT_MILLIS
				+ " ms); baseline: the same instance with no peer, in the same run");
		System.out.println("| peers | all linked, after ready | heap after GC | heap per peer (target ≤ 50 KB) | threads"
				+ " | CPU, heartbeats only | CPU, one peer flapping every 5 ms | propagation p50 / p99 / max (target p99 ≤ 200 ms at 200) | lost"
				+ " | fail-open after (target ≤ 2 s) | 503s before it |");
		System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
		for (Figures row : rows) {
			boolean peers = row.peers > 0;
			double perPeerKb = peers ? (row.heapBytes - base.heapBytes) / row.peers / 1024 : Double.NaN;
			System.out.printf("| %d | %s | %.1f MB | %s | %d (+%d) | %.1f %% | %s | %s | %s | %s | %s |%n", row.peers,
					peers ? String.format("%.1f s", row.linkedSeconds) : "-", row.heapBytes / 1048576.0,
					peers ? String.format("%.1f KB %s", perPeerKb, TableFormat.pass(perPeerKb <= 50)) : "-",
					row.threads, row.threads - base.threads, row.cpuPercent,
					peers ? String.format("%.1f %%", row.flappingCpuPercent) : "-",
					peers ? String.format("%.0f / %.0f / %.0f ms %s", row.propagation.millis(50),
							row.propagation.millis(99), row.propagation.maxMillis(),
							row.peers <= 200 ? TableFormat.pass(row.propagation.millis(99) <= 200) : "") : "-",
					peers ? Integer.toString(row.lost) : "-",
					peers ? ((row.failOpenMillis < 0) ? "not within 10 s " + TableFormat.pass(false)
							: String.format("%d ms %s", row.failOpenMillis, TableFormat.pass(row.failOpenMillis <= 2000)))
							: "-",
					peers ? Integer.toString(row.unready) : "-");
		}
	}

	private static Figures measure(String classpath, int size) throws Exception {
		Path log = Path.of("bench", "target", "p9-server-" + size + ".log");
		Figures figures = new Figures(size);
		try (PeerSimulator peers = new PeerSimulator(size, HEARTBEAT_MILLIS)) {
			List<String> members = new ArrayList<>(List.of("http://127.0.0.1:" + PORT));
			members.addAll(peers.urls());
			Path peerList = Files.createTempFile("p9-peers", ".properties");
			Files.writeString(peerList, "health.fleet.peers=" + String.join(",", members) + "\n");
			List<String> serverArgs = List.of("--server.address=127.0.0.1",
					"--spring.config.additional-location=file:" + peerList,
					"--health.fleet.max-peers=" + Math.max(1, size), "--health.stream.heartbeat=" + HEARTBEAT_MILLIS + "ms",
					"--health.fleet.fail-open.enabled=true",
					// the stub's outage switch, which the fail-open phase turns on, is the demo profile's
					"--spring.profiles.active=demo");
			try (ServerProcess server = ServerProcess.sample(classpath, WebServer.TOMCAT, PORT, log, serverArgs)) {
				long start = System.nanoTime();
				while (linkedHealthy(server) < size) {
					if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(120)) {
						throw new IllegalStateException(linkedHealthy(server) + " of " + size + " peers linked; see " + log);
					}
					Thread.sleep(100);
				}
				figures.linkedSeconds = (System.nanoTime() - start) / 1e9;
				Thread.sleep(3000);
				figures.heapBytes = server.heapAfterGcBytes();
				figures.threads = server.threads();
				double cpuBefore = server.cpuSeconds();
				Thread.sleep(QUIET.toMillis());
				figures.cpuPercent = 100 * (server.cpuSeconds() - cpuBefore) / QUIET.toSeconds();
				if (size > 0) {
					figures.flappingCpuPercent = flapping(server, peers);
					propagation(peers, figures);
					failOpen(server, peers, figures);
				}
			}
			Files.deleteIfExists(peerList);
		}
		return figures;
	}

	/**
	 * Has one peer alternate its check's state every 5 ms for {@link #FLAPPING}, then settle healthy.
	 * @return the instance's CPU meanwhile, in percent of one core
	 */
	private static double flapping(ServerProcess server, PeerSimulator peers) throws Exception {
		double before = server.cpuSeconds();
		long start = System.nanoTime();
		boolean healthy = false;
		while (System.nanoTime() - start < FLAPPING.toNanos()) {
			peers.set(0, healthy ? "healthy" : "unhealthy");
			healthy = !healthy;
			Thread.sleep(5);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		double cpu = 100 * (server.cpuSeconds() - before) / seconds;
		peers.set(0, "healthy");
		// the coalesced state and fail-open's delay settle before the next phase
		Thread.sleep(3000);
		return cpu;
	}

	/** @return how many peers the instance's fleet view shows healthy */
	private static long linkedHealthy(ServerProcess server) throws IOException, InterruptedException {
		JsonNode fleet = JsonMapper.shared().readTree(server.get("/health/fleet").body());
		return fleet.path("instances")
			.properties()
			.stream()
			.filter((entry) -> !entry.getValue().path("self").asBoolean())
			.filter((entry) -> "healthy".equals(entry.getValue().path("status").asString()))
			.count();
	}

	/** Changes one peer every 50 ms and times each change's arrival in the fleet stream. */
	private static void propagation(PeerSimulator peers, Figures figures) throws Exception {
		Map<String, Pending> pending = new ConcurrentHashMap<>();
		HttpRequest request = HttpRequest.newBuilder(
				URI.create("http://127.0.0.1:" + PORT + "/health/fleet/$stream?mode=changes&poll_interval=30")).build();
		HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
		Thread reader = new Thread(() -> {
			try {
				response.body().forEach((line) -> arrived(line, pending, figures.propagation));
			}
			catch (UncheckedIOException ex) {
				// the stream was closed at the end
			}
		}, "p9-fleet-stream");
		reader.setDaemon(true);
		reader.start();
		Random random = new Random(9);
		String[] states = new String[peers.size()];
		for (int i = 0; i < CHANGES; i++) {
			int peer = random.nextInt(peers.size());
			while (pending.containsKey(peers.key(peer))) {
				peer = random.nextInt(peers.size());
			}
			states[peer] = "unhealthy".equals(states[peer]) ? "healthy" : "unhealthy";
			pending.put(peers.key(peer), new Pending(states[peer], System.nanoTime()));
			peers.set(peer, states[peer]);
			Thread.sleep(50);
		}
		Thread.sleep(2000);
		figures.lost = pending.size();
		response.body().close();
		for (int peer = 0; peer < peers.size(); peer++) {
			if ("unhealthy".equals(states[peer])) {
				peers.set(peer, "healthy");
			}
		}
		Thread.sleep(1500);
	}

	/** Times each pending change that a frame of the fleet stream shows. */
	private static void arrived(String line, Map<String, Pending> pending, Samples propagation) {
		if (!line.startsWith("data: ") || pending.isEmpty()) {
			return;
		}
		long now = System.nanoTime();
		JsonNode instances = JsonMapper.shared().readTree(line.substring(6)).path("instances");
		pending.forEach((key, change) -> {
			if (change.state.equals(instances.path(key).path("status").asString()) && pending.remove(key, change)) {
				synchronized (propagation) {
					propagation.add(TimeUnit.NANOSECONDS.toMicros(now - change.nanos));
				}
			}
		});
	}

	/** A shared outage: this instance's feature store and every peer's at once; timed until readiness fails open. */
	private static void failOpen(ServerProcess server, PeerSimulator peers, Figures figures) throws Exception {
		HttpRequest outage = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/stub/feature-store/outage"))
			.PUT(HttpRequest.BodyPublishers.noBody())
			.build();
		long start = System.nanoTime();
		HTTP.send(outage, HttpResponse.BodyHandlers.discarding());
		for (int peer = 0; peer < peers.size(); peer++) {
			peers.set(peer, "unhealthy");
		}
		while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
			HttpResponse<String> readiness = server.get("/health/readiness");
			if (readiness.statusCode() == 200 && readiness.body().contains("\"failingOpen\"")) {
				figures.failOpenMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
				break;
			}
			figures.unready += (readiness.statusCode() == 503) ? 1 : 0;
			Thread.sleep(10);
		}
	}

	private record Pending(String state, long nanos) {
	}

	private static final class Figures {

		final int peers;

		final Samples propagation = new Samples();

		double linkedSeconds;

		double heapBytes;

		long threads;

		double cpuPercent;

		double flappingCpuPercent;

		int lost;

		long failOpenMillis = -1;

		int unready;

		Figures(int peers) {
			this.peers = peers;
		}

	}

}
