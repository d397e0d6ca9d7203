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
 * the same run, on Spring MVC on Tomcat or Jetty, or on WebFlux and Reactor Netty ({@code netty}, where the naive
 * baseline is WebFlux's own {@code Flux} of {@code ServerSentEvent}s, and a third phase holds the stack's floor,
 * {@link StreamFloorConfiguration}), and prints them with the starter's ratios. Loopback only; every phase is
 * bounded in time.
 * <p>
 * Usage: {@code StreamBench <sample class path> [subscribers=10000] [holdSeconds=30] [tomcat|jetty|netty]}
 */
public final class StreamBench {

	private static final Pattern CHECK = Pattern.compile("check=\"([^\"]+)\"");

	private static final int PORT = 18080;

	private StreamBench() {
	}

	public static void main(String[] args) throws Exception {
		String classpath = args[0];
		int subscribers = (args.length > 1) ? Integer.parseInt(args[1]) : 10_000;
		Duration hold = Duration.ofSeconds((args.length > 2) ? Long.parseLong(args[2]) : 30);
		WebServer server = WebServer.argument(args, 3);
		Map<String, Double> starter = run("starter", classpath, server, subscribers, hold,
				"/health/$stream?poll_interval=1", "health_check_duration_seconds_count");
		Map<String, Double> naive = run("naive", classpath, server, subscribers, hold, "/naive/$stream?poll_interval=1",
				"bench_naive_check_calls_total");
		Map<String, Double> floor = server.servlet() ? Map.of()
				: run("floor", classpath, server, subscribers, hold, "/floor/$stream", "bench_naive_check_calls_total");
		System.out.printf("%nP3 stream benchmark: %d subscribers at poll_interval=1 held %d s on %s; Java %s, %d cores%n%n",
				subscribers, hold.toSeconds(), server, Runtime.version(), Runtime.getRuntime().availableProcessors());
		boolean withFloor = !floor.isEmpty();
		System.out.println("| figure | starter | naive baseline | starter / naive |"
				+ (withFloor ? " floor (WebFlux's leanest stream) | starter / floor |" : ""));
		System.out.println("| --- | ---: | ---: | ---: |" + (withFloor ? " ---: | ---: |" : ""));
		starter.forEach((figure, value) -> System.out.printf("| %s | %s |%s%s%n", figure, TableFormat.number(value),
				against(value, naive.get(figure)), withFloor ? against(value, floor.get(figure)) : ""));
		System.out.printf("%nTargets (starter): evaluations per check per second <= 1: %s; p99 frame lag <= 250 ms: %s;"
				+ " RSS growth per subscriber <= %d KB: %s; /health p99 <= 50 ms: %s;"
				+ " starter's own objects per subscriber <= 2 KB: %s%n",
				TableFormat.pass(starter.get("evaluations per check per second (max)") <= 1.0),
				TableFormat.pass(starter.get("frame lag p99 (ms)") <= 250),
				rssTarget(server), TableFormat.pass(starter.get("RSS growth per subscriber (KB)") <= rssTarget(server)),
				TableFormat.pass(starter.get("/health p99 while streaming (ms)") <= 50),
				TableFormat.pass(starter.get("starter's own objects per subscriber (bytes)") <= 2048));
	}

	/** @return a baseline's figure and the starter's ratio to it, as two table cells */
	private static String against(double starter, Double baseline) {
		return (baseline == null) ? " - | - |"
				: " " + TableFormat.number(baseline) + " | " + TableFormat.number(starter / baseline) + " |";
	}

	/** RSS per held subscriber allowed: a servlet container's connection costs more than Reactor Netty's. */
	private static int rssTarget(WebServer server) {
		return server.servlet() ? 100 : 16;
	}

	private static Map<String, Double> run(String name, String classpath, WebServer webServer, int subscribers,
			Duration hold, String path, String evaluationMetric) throws Exception {
		Path log = Path.of("bench", "target", "p3-" + name + "-" + webServer.argumentName() + ".log");
		// Every subscriber comes from 127.0.0.1: lift the per-client cap as well as the total.
		List<String> args = new ArrayList<>(List.of("--health.stream.max-subscribers=" + subscribers,
				"--health.stream.max-subscribers-per-client=" + subscribers));
		args.add("--spring.main.sources=" + NaiveStreamConfiguration.class.getName() + ","
				+ StreamFloorConfiguration.class.getName());
		Map<String, Double> figures = new LinkedHashMap<>();
		ScheduleLag lag = new ScheduleLag(Duration.ofSeconds(1));
		try (ServerProcess server = ServerProcess.sample(classpath, webServer, PORT, log, args);
				SseLoadClient client = new SseLoadClient(new InetSocketAddress("127.0.0.1", PORT), path, lag)) {
			for (int i = 0; i < 20; i++) {
				server.get("/health");
			}
			long rssBefore = server.rssBytes();
			double heapBefore = server.heapAfterGcBytes();
			long starterBefore = starterBytes(server.classHistogram());
			long connectStart = System.nanoTime();
			client.connect(subscribers, 500, Duration.ofSeconds(120));
			double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
			client.receive(Duration.ofSeconds(3));
			int connected = client.connected();
			long starterBytes = starterBytes(server.classHistogram()) - starterBefore;
			System.out.printf("[%s] %d of %d subscribers streaming after %.1f s%n", name, connected, subscribers,
					connectSeconds);
			Map<String, Double> evaluationsBefore = perCheck(server, evaluationMetric);
			long holdStart = System.nanoTime();
			// /health asked about 20 times a second while the subscribers are held
			ClosedLoopLoad.Figures health;
			try (ClosedLoopLoad prober = new ClosedLoopLoad("http://127.0.0.1:" + PORT + "/health", 1,
					Duration.ofSeconds(30), Duration.ofMillis(50))) {
				lag.measure(true);
				client.receive(hold);
				lag.measure(false);
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
			figures.put("frames per second", lag.frames() / held);
			figures.put("frame lag p50 (ms)", lag.lagMillis(50));
			figures.put("frame lag p99 (ms)", lag.lagMillis(99));
			figures.put("evaluations per check per second (max)", rates.stream().mapToDouble(Double::doubleValue).max().orElse(0));
			figures.put("RSS growth per subscriber (KB)", (rssAfter - rssBefore) / 1024.0 / Math.max(1, connected));
			figures.put("heap growth per subscriber (KB)", (heapAfter - heapBefore) / 1024.0 / Math.max(1, connected));
			figures.put("starter's own objects per subscriber (bytes)", (double) starterBytes / Math.max(1, connected));
			figures.put("/health p50 while streaming (ms)", p50);
			figures.put("/health p99 while streaming (ms)", p99);
		}
		return figures;
	}

	/**
	 * @return the bytes of the starter's own types (its lambdas and pending frames included), not the benchmark's
	 */
	private static long starterBytes(Map<String, Long> histogram) {
		return histogram.entrySet()
			.stream()
			.filter((row) -> row.getKey().startsWith("dev.healthstarter.")
					&& !row.getKey().startsWith("dev.healthstarter.bench."))
			.mapToLong(Map.Entry::getValue)
			.sum();
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

}
