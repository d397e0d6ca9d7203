package dev.healthstarter.bench;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * P3, the stream benchmark: holds N subscribers at {@code poll_interval=1} against the sample app for a fixed
 * time, once on the starter's {@code /health/$stream} and once on the naive baseline
 * ({@link NaiveStreamConfiguration}: one evaluation per subscriber per tick), each in a fresh server process of
 * the same run, and prints both with their ratio. Loopback only; every phase is bounded in time.
 * <p>
 * Usage: {@code StreamBench <sample-app.jar> <bench classes dir> [subscribers=10000] [holdSeconds=30]}
 */
public final class StreamBench {

	private static final Pattern CHECK = Pattern.compile("check=\"([^\"]+)\"");

	private static final int PORT = 18080;

	private StreamBench() {
	}

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(args[0]);
		Path classes = Path.of(args[1]);
		int subscribers = (args.length > 2) ? Integer.parseInt(args[2]) : 10_000;
		Duration hold = Duration.ofSeconds((args.length > 3) ? Long.parseLong(args[3]) : 30);
		Map<String, Double> starter = run("starter", jar, classes, subscribers, hold, "/health/$stream?poll_interval=1",
				"health_check_duration_seconds_count");
		Map<String, Double> naive = run("naive", jar, classes, subscribers, hold, "/naive/$stream?poll_interval=1",
				"bench_naive_check_calls_total");
		System.out.printf("%nP3 stream benchmark: %d subscribers at poll_interval=1 held %d s; Java %s, %d cores%n%n",
				subscribers, hold.toSeconds(), Runtime.version(), Runtime.getRuntime().availableProcessors());
		System.out.println("| figure | starter | naive baseline | starter / naive |");
		System.out.println("| --- | ---: | ---: | ---: |");
		starter.forEach((figure, value) -> System.out.printf("| %s | %s | %s | %s |%n", figure, format(value),
				format(naive.get(figure)), format(value / naive.get(figure))));
		System.out.printf("%nTargets (starter): evaluations per check per second <= 1: %s; p99 frame lag <= 250 ms: %s;"
				+ " RSS growth per subscriber <= 100 KB: %s; /health p99 <= 50 ms: %s%n",
				pass(starter.get("evaluations per check per second (max)") <= 1.0),
				pass(starter.get("frame lag p99 (ms)") <= 250), pass(starter.get("RSS growth per subscriber (KB)") <= 100),
				pass(starter.get("/health p99 while streaming (ms)") <= 50));
	}

	private static Map<String, Double> run(String name, Path jar, Path classes, int subscribers, Duration hold,
			String path, String evaluationMetric) throws Exception {
		Path log = Path.of("bench", "target", "p3-" + name + "-server.log");
		List<String> args = List.of("--spring.main.sources=" + NaiveStreamConfiguration.class.getName());
		Map<String, Double> figures = new LinkedHashMap<>();
		try (ServerProcess server = ServerProcess.sample(jar, classes, PORT, log, args);
				SseLoadClient client = new SseLoadClient(new InetSocketAddress("127.0.0.1", PORT), path,
						Duration.ofSeconds(1))) {
			for (int i = 0; i < 20; i++) {
				server.get("/health");
			}
			long rssBefore = server.rssBytes();
			double heapBefore = server.heapAfterGcBytes();
			long connectStart = System.nanoTime();
			client.connect(subscribers, 500, Duration.ofSeconds(120));
			double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
			client.receive(Duration.ofSeconds(3), false);
			int connected = client.connected();
			System.out.printf("[%s] %d of %d subscribers streaming after %.1f s%n", name, connected, subscribers,
					connectSeconds);
			Map<String, Double> evaluationsBefore = perCheck(server, evaluationMetric);
			long holdStart = System.nanoTime();
			// /health asked about 20 times a second while the subscribers are held
			ClosedLoopLoad.Figures health;
			try (ClosedLoopLoad prober = new ClosedLoopLoad("http://127.0.0.1:" + PORT + "/health", 1,
					Duration.ofSeconds(30), Duration.ofMillis(50))) {
				client.receive(hold, true);
				health = prober.stop();
			}
			double p50 = health.millis(50);
			double p99 = health.millis(99);
			double held = (System.nanoTime() - holdStart) / 1e9;
			Map<String, Double> evaluationsAfter = perCheck(server, evaluationMetric);
			List<Double> rates = new ArrayList<>();
			evaluationsAfter.forEach((check, count) -> rates.add((count - evaluationsBefore.getOrDefault(check, 0.0)) / held));
			long rssAfter = server.rssBytes();
			double heapAfter = server.heapAfterGcBytes();
			figures.put("subscribers streaming", (double) client.connected());
			figures.put("frames per second", client.frames() / held);
			figures.put("frame lag p50 (ms)", client.lagMillis(50));
			figures.put("frame lag p99 (ms)", client.lagMillis(99));
			figures.put("evaluations per check per second (max)", rates.stream().mapToDouble(Double::doubleValue).max().orElse(0));
			figures.put("RSS growth per subscriber (KB)", (rssAfter - rssBefore) / 1024.0 / Math.max(1, connected));
			figures.put("heap growth per subscriber (KB)", (heapAfter - heapBefore) / 1024.0 / Math.max(1, connected));
			figures.put("/health p50 while streaming (ms)", p50);
			figures.put("/health p99 while streaming (ms)", p99);
		}
		return figures;
	}

	private static Map<String, Double> perCheck(ServerProcess server, String metric) throws Exception {
		Map<String, Double> counts = new LinkedHashMap<>();
		server.samples(metric, "check=").forEach((labels, value) -> {
			Matcher check = CHECK.matcher(labels);
			if (check.find()) {
				counts.merge(check.group(1), value, Double::sum);
			}
		});
		return counts;
	}

	private static String format(Double value) {
		if (value == null || value.isNaN() || value.isInfinite()) {
			return "n/a";
		}
		return (Math.abs(value) >= 100) ? String.format("%.0f", value) : String.format("%.3g", value);
	}

	private static String pass(boolean met) {
		return met ? "met" : "MISSED";
	}

}
