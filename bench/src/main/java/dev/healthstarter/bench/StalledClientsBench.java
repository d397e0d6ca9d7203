package dev.healthstarter.bench;

import java.time.Duration;
import java.util.List;

/**
 * P10, stalled clients: P6's {@code mode=changes} subscribers held twice in the same run, each time in a fresh
 * sample app: once alone (the baseline) and once beside {@link StalledClients} at {@code poll_interval=0.1}, which
 * stop reading once connected. {@code health.stream.write-timeout} is set above the hold, so the stalled clients
 * stay stalled throughout rather than being evicted after the default 10 s: the worst case for the others. Prints
 * the healthy subscribers' lag in both runs, the server's threads, the heap held per stalled client (heap after a
 * full GC at the end of the hold minus before the stalled clients connected, divided by their number) and the time
 * from SIGTERM to the end of the process with every client still connected.
 * <p>
 * Usage: {@code StalledClientsBench <sample class path> [healthy=10000] [stalled=1000] [holdSeconds=60]}
 */
public final class StalledClientsBench {

	private StalledClientsBench() {
	}

	public static void main(String[] args) throws Exception {
		String classpath = args[0];
		int healthy = (args.length > 1) ? Integer.parseInt(args[1]) : 10_000;
		int stalled = (args.length > 2) ? Integer.parseInt(args[2]) : 1_000;
		Duration hold = Duration.ofSeconds((args.length > 3) ? Long.parseLong(args[3]) : 60);
		List<String> writeTimeout = List.of("--health.stream.write-timeout=" + (hold.toSeconds() + 120) + "s");
		ChangeBench.Run alone = ChangeBench.starter(classpath, "p10-alone", healthy, 0, hold, writeTimeout);
		ChangeBench.Run beside = ChangeBench.starter(classpath, "p10-stalled", healthy, stalled, hold, writeTimeout);
		System.out.printf("%nP10 stalled clients: %d mode=changes subscribers at poll_interval=30, alone and beside %d"
				+ " stalled clients at poll_interval=0.1 (2 KB receive buffers, never read), held %d s, write timeout"
				+ " %d s; Java %s, %d cores%n%n", healthy, stalled, hold.toSeconds(), hold.toSeconds() + 120,
				Runtime.version(), Runtime.getRuntime().availableProcessors());
		System.out.println("| figure | alone | beside stalled clients | beside / alone |");
		System.out.println("| --- | ---: | ---: | ---: |");
		row("healthy subscribers streaming at the end", alone.streaming(), beside.streaming());
		row("deliveries dated", alone.pushed().micros().size(), beside.pushed().micros().size());
		row("transitions never received", alone.pushed().missed(), beside.pushed().missed());
		row("healthy lag p50 (ms)", alone.pushed().micros().millis(50), beside.pushed().micros().millis(50));
		row("healthy lag p99 (ms)", alone.pushed().micros().millis(99), beside.pushed().micros().millis(99));
		row("readiness p99 (ms)", alone.probes().millis(99), beside.probes().millis(99));
		row("server threads, most seen", alone.maxThreads(), beside.maxThreads());
		row("`health-*` threads, most seen", alone.maxStarterThreads(), beside.maxStarterThreads());
		row("heap growth over the hold, after GC (KB)", alone.heapGrowth() / 1024, beside.heapGrowth() / 1024);
		row("evictions", alone.evictions(), beside.evictions());
		row("shutdown, SIGTERM to exit (ms)", alone.shutdown().toMillis(), beside.shutdown().toMillis());
		double heapPerStalled = (beside.heapGrowth() - alone.heapGrowth()) / Math.max(1, stalled) / 1024;
		System.out.printf("%nHeap per stalled client (growth beside them minus growth alone, per client): %.1f KB%n",
				heapPerStalled);
		double alonep99 = alone.pushed().micros().millis(99);
		double besidep99 = beside.pushed().micros().millis(99);
		System.out.printf("Targets: healthy lag p99 within 1.5x of the run alone (%.1f against %.1f ms): %s;"
				+ " shutdown <= 2 s (%d ms): %s%n", besidep99, alonep99,
				TableFormat.pass(beside.pushed().missed() == 0 && besidep99 <= 1.5 * alonep99),
				beside.shutdown().toMillis(), TableFormat.pass(beside.shutdown().toMillis() <= 2000));
	}

	private static void row(String figure, double alone, double beside) {
		System.out.printf("| %s | %s | %s | %s |%n", figure, TableFormat.number(alone), TableFormat.number(beside),
				(alone == 0) ? "n/a" : TableFormat.number(beside / alone));
	}

}
