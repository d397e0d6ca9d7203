package dev.healthstarter.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * P12, cost growth with the number of checks: one {@code GET} at a time (a closed loop of 1 client) against
 * {@link dev.healthstarter.bench.app.BenchApplication} with 100 and then 1,000 checks of 20 ms each and no cache
 * ({@code health.cache-ttl=0s}, {@code health.timeout=5s} so that no check times out): the starter's blocking checks
 * ({@code HealthCheck}, on its bounded pool of 16 threads), its {@code ReactiveHealthCheck}s (a {@code Mono} that
 * completes after 20 ms, holding no thread), and Actuator alone ({@code /actuator/health} with
 * {@code health.actuator.accelerate=false}, which calls its indicators one after another). Each row a fresh server;
 * 3 s of warm-up, then 10 s of requests (45 s for Actuator with 1,000, whose one request takes 20 s).
 * <p>
 * Usage: {@code CheckCountBench <bench class path>}
 */
public final class CheckCountBench {

	private static final int PORT = 18091;

	private CheckCountBench() {
	}

	public static void main(String[] args) throws Exception {
		String classpath = args[0];
		System.out.printf("%nP12: one GET at a time, checks of 20 ms, health.cache-ttl=0s, health.timeout=5s, "
				+ "10 s per row after 3 s of warm-up; Java %s, %d cores%n%n", Runtime.version(),
				Runtime.getRuntime().availableProcessors());
		System.out.println("| checks | kind | requests | p50 (ms) | p99 (ms) | p50 / one check's 20 ms |");
		System.out.println("| ---: | --- | ---: | ---: | ---: | ---: |");
		double reactive100 = 0;
		for (int checks : List.of(100, 1000)) {
			for (String kind : List.of("blocking", "reactive", "actuator")) {
				ClosedLoopLoad.Figures figures = run(classpath, checks, kind);
				double p50 = figures.millis(50);
				if (checks == 100 && kind.equals("reactive")) {
					reactive100 = p50;
				}
				System.out.printf("| %,d | %s | %d | %.1f | %.1f | %.1f |%n", checks, label(kind), figures.attempts(),
						p50, figures.millis(99), p50 / 20);
			}
		}
		System.out.printf("%nTarget: reactive checks, 100 x 20 ms, p50 <= 30 ms: %s%n",
				TableFormat.pass(reactive100 <= 30));
	}

	private static String label(String kind) {
		return switch (kind) {
			case "blocking" -> "HealthCheck (blocking, 16 threads)";
			case "reactive" -> "ReactiveHealthCheck";
			default -> "Actuator alone";
		};
	}

	private static ClosedLoopLoad.Figures run(String classpath, int checks, String kind) throws Exception {
		Path log = Path.of("bench", "target", "p12-" + checks + "-" + kind + "-server.log");
		boolean actuator = kind.equals("actuator");
		List<String> args = List.of("--bench.register=" + (actuator ? "indicators" : kind.equals("blocking") ? "checks"
				: "reactive"), "--bench.checks=" + checks, "--bench.check-delay=20ms", "--bench.hanging=0",
				"--health.cache-ttl=0s", "--health.timeout=5s", "--health.actuator.accelerate=" + !actuator);
		try (ServerProcess server = ServerProcess.benchApp(classpath, PORT, log, args, "/bench/constant")) {
			String url = "http://127.0.0.1:" + PORT + (actuator ? "/actuator/health" : "/health");
			Duration timeout = Duration.ofSeconds(60);
			try (ClosedLoopLoad warm = new ClosedLoopLoad(url, 1, timeout, Duration.ZERO)) {
				Thread.sleep(3000);
			}
			ClosedLoopLoad load = new ClosedLoopLoad(url, 1, timeout, Duration.ZERO);
			Thread.sleep((actuator && checks >= 1000) ? 45_000 : 10_000);
			return load.stop();
		}
	}

}
