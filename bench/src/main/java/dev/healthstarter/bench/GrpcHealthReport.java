package dev.healthstarter.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

import dev.healthstarter.bench.GrpcHealthBench.Lag;
import dev.healthstarter.bench.GrpcHealthBench.Run;
import dev.healthstarter.bench.GrpcHealthBench.Throughput;

/**
 * P13's tables ({@link GrpcHealthBench}): the {@code Watch} lags per number of watchers, the starter's against Boot's
 * health status updater, then the unary throughput of {@code Check} against a trivial RPC. Prints to standard output.
 */
final class GrpcHealthReport {

	private GrpcHealthReport() {
	}

	/**
	 * @param sizes the numbers of watchers, in the order of each run's lags
	 * @param starter the starter's process
	 * @param boot the process with Boot's updater
	 */
	static void print(List<Integer> sizes, Run starter, Run boot) {
		System.out.printf("%nP13 gRPC health: Watch on readiness, %d transitions per size (outage switch at a random"
				+ " moment within Boot's %d s period), over %d channels; Java %s, %d cores%n%n",
				GrpcHealthBench.TRANSITIONS, GrpcHealthBench.BOOT_PERIOD.toSeconds(), GrpcHealthBench.CHANNELS,
				Runtime.version(), Runtime.getRuntime().availableProcessors());
		StringBuilder header = new StringBuilder("| figure |");
		StringBuilder rule = new StringBuilder("| --- |");
		for (int size : sizes) {
			header.append(String.format(" starter, %,d | Boot's updater, %,d | Boot ÷ starter |", size, size));
			rule.append(" ---: | ---: | ---: |");
		}
		System.out.println(header);
		System.out.println(rule);
		row("transitions", starter, boot, (lag) -> lag.transitions);
		row("NOT_SERVING deliveries dated", starter, boot, (lag) -> lag.fromSwitch.size());
		row("watchers without NOT_SERVING within 20 s (all transitions)", starter, boot, (lag) -> lag.missed);
		row("watchers not back at SERVING within 20 s", starter, boot, (lag) -> lag.unrecovered);
		row("repeated statuses", starter, boot, (lag) -> lag.repeated);
		row("calls failed", starter, boot, (lag) -> lag.failed);
		row("lag from the switch, p50 (ms)", starter, boot, (lag) -> lag.fromSwitch.millis(50), true);
		row("lag from the switch, p99 (ms)", starter, boot, (lag) -> lag.fromSwitch.millis(99), true);
		row("lag from the switch, max (ms)", starter, boot, (lag) -> lag.fromSwitch.maxMillis(), true);
		row("lag from the check's transition, p50 (ms)", starter, boot, (lag) -> lag.fromChange.millis(50));
		row("lag from the check's transition, p99 (ms)", starter, boot, (lag) -> lag.fromChange.millis(99));
		row("server threads added by the watchers", starter, boot, (lag) -> lag.threads);
		row("server heap per watcher (KB)", starter, boot, (lag) -> lag.heapPerWatcher / 1024);
		System.out.printf("%n| unary RPC, %d channels × %d in flight, mean of %d rounds of %d s | starter's process"
				+ " calls/s | p50 / p99 (ms) | Boot's updater's process calls/s | p50 / p99 (ms) |%n",
				GrpcHealthBench.CHANNELS, GrpcHealthBench.IN_FLIGHT, GrpcHealthBench.ROUNDS,
				GrpcHealthBench.ROUND.toSeconds());
		System.out.println("| --- | ---: | ---: | ---: | ---: |");
		throughputRow("`Check` readiness", starter.throughput().checks(), boot.throughput().checks());
		throughputRow("`bench.Ping/Ping` (trivial)", starter.throughput().pings(), boot.throughput().pings());
		double ratio = starter.throughput().ratio();
		System.out.printf("| **Check ÷ ping** (target ≥ 0.9) | **%.2f** %s | | %.2f | |%n", ratio,
				TableFormat.pass(ratio >= 0.9), boot.throughput().ratio());
	}

	private static void row(String figure, Run starter, Run boot, ToDoubleFunction<Lag> value) {
		row(figure, starter, boot, value, false);
	}

	/** @param ratio whether to show Boot's figure divided by the starter's, else {@code -} */
	private static void row(String figure, Run starter, Run boot, ToDoubleFunction<Lag> value,
			boolean ratio) {
		StringBuilder line = new StringBuilder("| " + figure + " |");
		for (int i = 0; i < starter.lags().size(); i++) {
			double ours = value.applyAsDouble(starter.lags().get(i));
			double boots = value.applyAsDouble(boot.lags().get(i));
			line.append(" ")
				.append(figure(ours))
				.append(" | ")
				.append(figure(boots))
				.append(" | ")
				.append(!ratio ? "-" : (ours > 0) ? "**" + TableFormat.number(boots / ours) + "**" : "n/a")
				.append(" |");
		}
		System.out.println(line);
	}

	/** @return a count as a whole number, a measurement as {@link TableFormat#number} prints it */
	private static String figure(double value) {
		return (value == Math.rint(value) && !Double.isInfinite(value)) ? String.format("%,.0f", value)
				: TableFormat.number(value);
	}

	private static void throughputRow(String rpc, List<UnaryLoad.Figures> starter, List<UnaryLoad.Figures> boot) {
		System.out.printf("| %s | %,.0f | %s | %,.0f | %s |%n", rpc, Throughput.mean(starter),
				latencies(starter), Throughput.mean(boot), latencies(boot));
	}

	private static String latencies(List<UnaryLoad.Figures> rounds) {
		Samples all = new Samples();
		rounds.forEach((round) -> round.latencies().stream().forEach(all::add));
		return String.format("%.2f / %.2f", all.millis(50), all.millis(99));
	}

}
