package dev.healthstarter.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * P1, P2, P4, P5, P7 and start-up cost: {@code wrk} (P7: {@link ClosedLoopLoad}, which counts unanswered requests) on loopback against {@link dev.healthstarter.bench.app.BenchApplication}
 * (and the sample app for start-up), each figure beside a baseline measured in the same run. Every phase runs in
 * a fresh server process and is bounded in time.
 * <p>
 * Usage: {@code HttpBench <bench class path> <sample-app.jar> <bench classes dir> [p1 p2 p4 p5 p7 startup]
 * [tomcat|jetty|netty]}: the bench application on Spring MVC on Tomcat (the default), on Jetty, or on WebFlux.
 */
public final class HttpBench {

	private static final int PORT = 18090;

	private static final String BASE = "http://127.0.0.1:" + PORT;

	private static final Duration WARM_UP = Duration.ofSeconds(5);

	private static final Duration RUN = Duration.ofSeconds(10);

	private static final int ROUNDS = 3;

	/** The stack the bench application runs on: {@code tomcat} (the default), {@code jetty} or {@code netty}. */
	private static WebServer stack = WebServer.TOMCAT;

	private HttpBench() {
	}

	public static void main(String[] args) throws Exception {
		String classpath = args[0];
		List<String> named = List.of(args).subList(Math.min(3, args.length), args.length);
		stack = Arrays.stream(WebServer.values())
			.filter((candidate) -> named.contains(candidate.name().toLowerCase(Locale.ROOT)))
			.findFirst()
			.orElse(WebServer.TOMCAT);
		List<String> selected = named.stream().filter((name) -> name.startsWith("p") || name.equals("startup")).toList();
		if (selected.isEmpty()) {
			selected = List.of("p1", "p2", "p4", "p5", "p7", "startup");
		}
		System.out.printf("HTTP benchmarks; Java %s, %d cores; wrk -t2, loopback; the bench application on %s%n",
				Runtime.version(), Runtime.getRuntime().availableProcessors(), stack.description());
		if (selected.contains("p1")) {
			p1(classpath);
		}
		if (selected.contains("p2")) {
			p2(classpath);
		}
		if (selected.contains("p4")) {
			p4(classpath);
		}
		if (selected.contains("p5")) {
			p5(classpath);
		}
		if (selected.contains("p7")) {
			p7(classpath);
		}
		if (selected.contains("startup")) {
			startup(Path.of(args[1]), Path.of(args[2]));
		}
	}

	private static void p1(String classpath) throws Exception {
		try (ServerProcess server = bench(classpath, "p1", "--bench.checks=10")) {
			warm(32, "/bench/constant", "/health", "/actuator/health");
			Map<String, Wrk> results = Wrk.alternate(32, RUN, ROUNDS, BASE + "/bench/constant", BASE + "/health",
					BASE + "/actuator/health");
			Wrk constant = results.get(BASE + "/bench/constant");
			Wrk health = results.get(BASE + "/health");
			Wrk actuator = results.get(BASE + "/actuator/health");
			header("P1: 10 fast checks, cached (health.cache-ttl=1s), 32 connections, mean of " + ROUNDS + " alternating "
					+ RUN.toSeconds() + " s rounds");
			columns();
			row("constant JSON endpoint (the stack's limit)", constant, constant);
			row("/health", health, constant);
			row("/actuator/health, same 10 checks as indicators", actuator, constant);
			System.out.printf("%n/health vs constant: %.2fx throughput (target >= 0.9x); vs Actuator: %.2fx%n",
					health.requestsPerSecond() / constant.requestsPerSecond(),
					health.requestsPerSecond() / actuator.requestsPerSecond());
		}
	}

	private static void p2(String classpath) throws Exception {
		try (ServerProcess server = bench(classpath, "p2", "--bench.checks=10", "--bench.check-delay=20ms",
				"--health.cache-ttl=0s")) {
			warm(8, "/health", "/actuator/health");
			Wrk health = Wrk.run(BASE + "/health", 8, RUN);
			Wrk actuator = Wrk.run(BASE + "/actuator/health", 8, RUN);
			header("P2: 10 checks x 20 ms, no cache (health.cache-ttl=0), 8 connections, " + RUN.toSeconds() + " s each");
			columns();
			row("/actuator/health (runs indicators one after another)", actuator, actuator);
			row("/health (parallel, in-flight calls shared)", health, actuator);
			System.out.printf("%n/health p50 %.1f ms (target <= 35 ms); %.1fx faster than Actuator at p50 (target >= 5x)%n",
					health.p50Millis(), actuator.p50Millis() / health.p50Millis());
		}
	}

	private static void p4(String classpath) throws Exception {
		Duration flood = Duration.ofSeconds(20);
		try (ServerProcess server = bench(classpath, "p4", "--bench.checks=1")) {
			warm(64, "/bench/constant", "/health");
			Wrk constant = Wrk.run(BASE + "/bench/constant", 64, flood);
			double before = server.sum("bench_check_invocations_total", "");
			long start = System.nanoTime();
			Wrk health = Wrk.run(BASE + "/health", 64, flood);
			double elapsed = (System.nanoTime() - start) / 1e9;
			double invocations = server.sum("bench_check_invocations_total", "") - before;
			header("P4: probe flood, 1 counting check, health.cache-ttl=1s, 64 connections, " + flood.toSeconds() + " s");
			columns();
			row("constant JSON endpoint", constant, constant);
			row("/health", health, constant);
			System.out.printf("%ncheck invocations: %.0f in %.1f s, %.2f intervals/s between calls (target <= 1/s, "
					+ "one per health.cache-ttl); /health p99 %.1f ms (target <= 50 ms)%n", invocations, elapsed,
					(invocations - 1) / elapsed, health.p99Millis());
		}
	}

	private static void p5(String classpath) throws Exception {
		try (ServerProcess server = bench(classpath, "p5", "--bench.checks=100")) {
			server.get("/health");
			warm(1, "/metrics", "/actuator/prometheus");
			double before = server.sum("bench_check_invocations_total", "");
			Map<String, Wrk> results = Wrk.alternate(1, RUN, ROUNDS, BASE + "/metrics", BASE + "/actuator/prometheus");
			Wrk metrics = results.get(BASE + "/metrics");
			Wrk prometheus = results.get(BASE + "/actuator/prometheus");
			double invocations = server.sum("bench_check_invocations_total", "") - before;
			header("P5: scrape with 100 registered checks, 1 connection, mean of " + ROUNDS + " alternating " + RUN.toSeconds()
					+ " s rounds");
			columns();
			row("/actuator/prometheus (same registry)", prometheus, prometheus);
			row("/metrics", metrics, prometheus);
			System.out.printf("%n/metrics p99 %.2f ms (target <= 10 ms); check invocations caused by %d scrapes: %.0f "
					+ "(target 0)%n", metrics.p99Millis(), Math.round(metrics.requestsPerSecond() * RUN.toSeconds() * ROUNDS),
					invocations);
		}
	}

	/**
	 * P7, a dependency brown-out: 10 checks of which 3 hang (the last ignoring interruption), 64 clients for 20 s,
	 * once against {@code /health} and once against {@code /actuator/health} with the same checks as indicators,
	 * each in a fresh server; meanwhile one client asks the application's own {@code /bench/constant} 10 times a
	 * second.
	 */
	private static void p7(String classpath) throws Exception {
		Duration load = Duration.ofSeconds(20);
		Duration clientTimeout = Duration.ofSeconds(5);
		header("P7: brown-out, 10 checks of which 3 hang (1 ignores interruption), health.timeout=1s, 64 clients "
				+ "(each waits up to " + clientTimeout.toSeconds() + " s), " + load.toSeconds() + " s; "
				+ "/bench/constant asked 10 times a second meanwhile");
		System.out.println("| endpoint | requests | answered within 1.2 s | p50 (ms) | p99 (ms) | unanswered | 5xx "
				+ "| threads before / max / after | of which `health-*`, max | /bench/constant answered, p99 (ms) |");
		System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
		for (String path : List.of("/health", "/actuator/health")) {
			try (ServerProcess server = ServerProcess.benchApp(classpath, stack, PORT,
					Path.of("bench", "target", "p7" + path.replace('/', '-') + "-server.log"),
					List.of("--bench.checks=10", "--bench.hanging=3"), "/bench/constant")) {
				warm(8, "/bench/constant");
				long threadsBefore = server.threads();
				long threadsMax = threadsBefore;
				long starterThreadsMax = 0;
				ClosedLoopLoad app = new ClosedLoopLoad(BASE + "/bench/constant", 1, Duration.ofSeconds(1),
						Duration.ofMillis(100));
				ClosedLoopLoad probes = new ClosedLoopLoad(BASE + path, 64, clientTimeout, Duration.ZERO);
				long end = System.nanoTime() + load.toNanos();
				while (System.nanoTime() < end) {
					Thread.sleep(500);
					threadsMax = Math.max(threadsMax, server.threads());
					starterThreadsMax = Math.max(starterThreadsMax, server.threads("health-"));
				}
				ClosedLoopLoad.Figures health = probes.stop();
				ClosedLoopLoad.Figures constant = app.stop();
				Thread.sleep(2000);
				System.out.printf("| `%s` | %d | %.1f %% | %s | %s | %d | %d | %d / %d / %d | %d | %.1f %%, %s |%n", path,
						health.attempts(), health.percentWithin(Duration.ofMillis(1200)), format(health.millis(50)),
						format(health.millis(99)), health.unanswered(), health.serverErrors(), threadsBefore,
						threadsMax, server.threads(), starterThreadsMax, constant.percentWithin(Duration.ofSeconds(1)),
						format(constant.millis(99)));
			}
		}
		System.out.printf("%nTarget for /health: p99 <= timeout + 50 ms = 1,050 ms, 0 unanswered, 0 5xx, threads bounded, "
				+ "/bench/constant answered throughout. An unanswered request counts as infinitely slow in p50/p99; "
				+ "threads are the server's operating-system threads (virtual threads not included).%n");
	}

	private static String format(double millis) {
		return Double.isInfinite(millis) ? "never" : String.format("%.1f", millis);
	}

	private static void startup(Path jar, Path classes) throws Exception {
		header("Start-up of the sample app, median of 3 runs each");
		System.out.println("| sample app | started in (s) | heap after GC (MB) |");
		System.out.println("| --- | ---: | ---: |");
		double[] without = startupMedian(jar, classes, "--health.enabled=false");
		double[] with = startupMedian(jar, classes, "--health.enabled=true");
		System.out.printf("| without the starter (health.enabled=false) | %.2f | %.1f |%n", without[0], without[1]);
		System.out.printf("| with the starter | %.2f | %.1f |%n", with[0], with[1]);
		System.out.printf("%nstarter cost: %+.2f s start-up (%.2fx), %+.1f MB heap (%.2fx)%n", with[0] - without[0],
				with[0] / without[0], with[1] - without[1], with[1] / without[1]);
	}

	private static double[] startupMedian(Path jar, Path classes, String flag) throws Exception {
		List<Double> seconds = new ArrayList<>();
		List<Double> heaps = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Path log = Path.of("bench", "target", "startup-" + i + flag.replaceAll("\\W", "") + ".log");
			try (ServerProcess server = ServerProcess.sample(jar, classes, PORT, log, List.of(flag),
					"/stub/feature-store/health")) {
				seconds.add(server.startedSeconds());
				heaps.add(server.heapAfterGcBytes() / 1024 / 1024);
			}
		}
		Collections.sort(seconds);
		Collections.sort(heaps);
		return new double[] { seconds.get(1), heaps.get(1) };
	}

	private static ServerProcess bench(String classpath, String name, String... args) throws Exception {
		return ServerProcess.benchApp(classpath, stack, PORT, Path.of("bench", "target", name + "-server.log"),
				List.of(args));
	}

	private static void warm(int connections, String... paths) throws Exception {
		for (String path : paths) {
			Wrk.run(BASE + path, connections, WARM_UP);
		}
	}

	private static void header(String title) {
		System.out.printf("%n%s%n%n", title);
	}

	private static void columns() {
		System.out.println("| endpoint | requests/s | p50 (ms) | p99 (ms) | non-2xx | throughput vs first row |");
		System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
	}

	private static void row(String name, Wrk result, Wrk baseline) {
		System.out.printf("| %s | %.0f | %.2f | %.2f | %d | %.2fx |%n", name, result.requestsPerSecond(),
				result.p50Millis(), result.p99Millis(), result.non2xx(),
				result.requestsPerSecond() / baseline.requestsPerSecond());
	}

}
