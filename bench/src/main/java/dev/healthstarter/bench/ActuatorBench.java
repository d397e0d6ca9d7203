package dev.healthstarter.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * P8, Actuator accelerated: {@code /actuator/health} of {@link dev.healthstarter.bench.app.BenchApplication} with
 * 10 Actuator indicators of 20 ms each and no cache ({@code health.cache-ttl=0s}), evaluated through the starter
 * (the default) and by Actuator alone ({@code health.actuator.accelerate=false}); then the same with the last
 * indicator hung (it ignores interruption). Each row a fresh server; 8 clients of {@link ClosedLoopLoad} (each
 * waiting up to 5 s, so a request that never answers is counted) for 10 s after a 3 s warm-up.
 * <p>
 * Usage: {@code ActuatorBench <bench class path>}
 */
public final class ActuatorBench {

	private static final int PORT = 18090;

	private ActuatorBench() {
	}

	public static void main(String[] args) throws Exception {
		String classpath = args[0];
		System.out.printf("%nP8: /actuator/health, 10 indicators x 20 ms, health.cache-ttl=0s, health.timeout=1s, "
				+ "8 clients (each waits up to 5 s), 10 s per row; Java %s, %d cores%n%n", Runtime.version(),
				Runtime.getRuntime().availableProcessors());
		System.out.println("| setup | requests | p50 (ms) | p99 (ms) | unanswered | 5xx |");
		System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
		List<ClosedLoopLoad.Figures> rows = new ArrayList<>();
		for (int hanging = 0; hanging <= 1; hanging++) {
			for (boolean accelerate : List.of(false, true)) {
				ClosedLoopLoad.Figures figures = run(classpath, hanging, accelerate);
				rows.add(figures);
				System.out.printf("| %s%s | %d | %s | %s | %d | %d |%n",
						accelerate ? "with the starter (accelerated)" : "Actuator alone (accelerate=false)",
						(hanging > 0) ? ", 1 indicator hung" : "", figures.attempts(), millis(figures.millis(50)),
						millis(figures.millis(99)), figures.unanswered(), figures.serverErrors());
			}
		}
		double speedUp = rows.get(0).millis(50) / rows.get(1).millis(50);
		System.out.printf("%nTargets: accelerated p50 <= 25 ms: %s (%.1fx faster than Actuator alone, target >= 8x: %s);"
				+ " with a hung indicator p99 <= timeout + 50 ms = 1,050 ms: %s%n",
				TableFormat.pass(rows.get(1).millis(50) <= 25), speedUp, TableFormat.pass(speedUp >= 8),
				TableFormat.pass(rows.get(3).millis(99) <= 1050 && rows.get(3).unanswered() == 0));
	}

	private static ClosedLoopLoad.Figures run(String classpath, int hanging, boolean accelerate) throws Exception {
		Path log = Path.of("bench", "target", "p8-" + hanging + "-" + accelerate + "-server.log");
		List<String> args = List.of("--bench.register=indicators", "--bench.checks=10", "--bench.check-delay=20ms",
				"--bench.hanging=" + hanging, "--health.cache-ttl=0s", "--health.actuator.accelerate=" + accelerate);
		try (ServerProcess server = ServerProcess.benchApp(classpath, PORT, log, args, "/bench/constant")) {
			String url = "http://127.0.0.1:" + PORT + "/actuator/health";
			try (ClosedLoopLoad warm = new ClosedLoopLoad(url, 8, Duration.ofSeconds(5), Duration.ZERO)) {
				Thread.sleep(3000);
			}
			ClosedLoopLoad load = new ClosedLoopLoad(url, 8, Duration.ofSeconds(5), Duration.ZERO);
			Thread.sleep(10_000);
			return load.stop();
		}
	}

	private static String millis(double value) {
		return Double.isInfinite(value) ? "never" : String.format("%.1f", value);
	}

}
