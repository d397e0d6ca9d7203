package dev.healthstarter.bench;

import java.time.Duration;

/**
 * P10, stalled clients: P6's {@code mode=changes} subscribers held three times in the same run, each time in a fresh
 * sample app on the same stack: once alone (the baseline), once beside {@link StalledClients} at
 * {@code poll_interval=0.1}, which stop reading once connected, with {@code health.stream.write-timeout} above the
 * hold so that they stay stalled throughout (the worst case for the others), and once beside as many with the
 * default write timeout (10 s), so that they are evicted during the hold. The server's writes to a stalled client
 * succeed until its socket's kernel buffers are full (about a minute at {@code poll_interval=0.1} on loopback), so a
 * hold of 60 s or more covers the stalled clients both while their buffers fill and once every write to them waits.
 * Prints the healthy subscribers' lag in each run (every flip of the hold dated, but those of its last
 * {@link #SETTLE}; overall and per flip), the server's threads, the heap held per stalled client (heap after a full GC at the end of the hold
 * minus before the stalled clients connected, beside them minus alone, divided by their number), the time from
 * SIGTERM to the end of the process with every client still connected and, from {@link StalledClientsWatch}, the
 * server's sockets to the stalled clients still ESTABLISHED 5 s after their eviction.
 * <p>
 * Usage: {@code StalledClientsBench <sample class path> [healthy=10000] [stalled=1000] [holdSeconds=60]
 * [tomcat|jetty|netty]}
 */
public final class StalledClientsBench {

	/**
	 * How long before the end of the hold a transition must be to be dated: P10 counts the pushed lags only, which
	 * are under a second, so every flip of the hold but the last ones is dated (P6 leaves 31 s for its poll baseline).
	 */
	private static final Duration SETTLE = Duration.ofSeconds(5);

	private StalledClientsBench() {
	}

	public static void main(String[] args) throws Exception {
		String classpath = args[0];
		int healthy = (args.length > 1) ? Integer.parseInt(args[1]) : 10_000;
		int stalled = (args.length > 2) ? Integer.parseInt(args[2]) : 1_000;
		Duration hold = Duration.ofSeconds((args.length > 3) ? Long.parseLong(args[3]) : 60);
		WebServer stack = WebServer.argument(args, 4);
		Duration heldTimeout = hold.plusSeconds(120);
		Duration evictedTimeout = ChangeBench.DEFAULT_WRITE_TIMEOUT;
		String name = "p10-" + stack.argumentName();
		ChangeBench.Run alone = ChangeBench.starter(classpath, stack, name + "-alone", healthy, 0, hold, heldTimeout,
				SETTLE);
		ChangeBench.Run held = ChangeBench.starter(classpath, stack, name + "-stalled", healthy, stalled, hold,
				heldTimeout, SETTLE);
		ChangeBench.Run evicted = ChangeBench.starter(classpath, stack, name + "-evicted", healthy, stalled, hold,
				evictedTimeout, SETTLE);
		System.out.printf("%nP10 stalled clients on %s: %d mode=changes subscribers at poll_interval=30, alone, beside"
				+ " %d stalled clients at poll_interval=0.1 (2 KB receive buffers, never read, from %d addresses)"
				+ " held throughout (write timeout %d s), and beside as many evicted (write timeout %d s); held %d s;"
				+ " Java %s, %d cores%n%n", stack.description(), healthy, stalled, StalledClients.SOURCES.size(),
				heldTimeout.toSeconds(), evictedTimeout.toSeconds(), hold.toSeconds(), Runtime.version(),
				Runtime.getRuntime().availableProcessors());
		System.out.println("| figure | alone | beside stalled clients | beside evicted ones | stalled / alone"
				+ " | evicted / alone |");
		System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
		row("healthy subscribers streaming at the end", alone.streaming(), held.streaming(), evicted.streaming());
		row("deliveries dated", alone.pushed().micros().size(), held.pushed().micros().size(),
				evicted.pushed().micros().size());
		row("transitions never received", alone.pushed().missed(), held.pushed().missed(), evicted.pushed().missed());
		row("healthy lag p50 (ms)", alone.pushed().micros().millis(50), held.pushed().micros().millis(50),
				evicted.pushed().micros().millis(50));
		row("healthy lag p99 (ms)", alone.pushed().micros().millis(99), held.pushed().micros().millis(99),
				evicted.pushed().micros().millis(99));
		System.out.printf("| healthy lag p99 per transition (ms) | %s | %s | %s | | |%n",
				alone.pushed().p99PerTransition(), held.pushed().p99PerTransition(),
				evicted.pushed().p99PerTransition());
		row("readiness p99 (ms)", alone.probes().millis(99), held.probes().millis(99), evicted.probes().millis(99));
		row("server threads, most seen", alone.maxThreads(), held.maxThreads(), evicted.maxThreads());
		row("`health-*` threads, most seen", alone.maxStarterThreads(), held.maxStarterThreads(),
				evicted.maxStarterThreads());
		row("heap growth over the hold, after GC (KB)", alone.heapGrowth() / 1024, held.heapGrowth() / 1024,
				evicted.heapGrowth() / 1024);
		row("evictions", alone.evictions(), held.evictions(), evicted.evictions());
		row("shutdown, SIGTERM to exit (ms)", alone.shutdown().toMillis(), held.shutdown().toMillis(),
				evicted.shutdown().toMillis());
		stalledRow("stalled clients subscribed", held.stalled().subscribed(), evicted.stalled().subscribed());
		stalledRow("their server sockets ESTABLISHED once connected", held.stalled().connectedSockets(),
				evicted.stalled().connectedSockets());
		stalledRow("all of them evicted after (s)", held.stalled().evictedSeconds(),
				evicted.stalled().evictedSeconds());
		stalledRow("their server sockets ESTABLISHED " + StalledClientsWatch.AFTER_EVICTION.toSeconds()
				+ " s after eviction (beside stalled clients: at the end)", held.stalled().socketsAtEnd(),
				evicted.stalled().socketsAtEnd());
		double heapPerStalled = (held.heapGrowth() - alone.heapGrowth()) / Math.max(1, stalled) / 1024;
		System.out.printf("%nHeap per stalled client (growth beside them minus growth alone, per client): %.1f KB%n",
				heapPerStalled);
		double alonep99 = alone.pushed().micros().millis(99);
		double heldp99 = held.pushed().micros().millis(99);
		double socketsAfterEviction = evicted.stalled().socketsAtEnd();
		System.out.printf("Targets: healthy lag p99 within 1.5x of the run alone (%.1f against %.1f ms): %s;"
				+ " shutdown <= 2 s (%d ms): %s; server sockets after eviction 0 (%s): %s%n", heldp99, alonep99,
				TableFormat.pass(held.pushed().missed() == 0 && heldp99 <= 1.5 * alonep99),
				held.shutdown().toMillis(), TableFormat.pass(held.shutdown().toMillis() <= 2000),
				TableFormat.number(socketsAfterEviction),
				TableFormat.pass(!Double.isNaN(evicted.stalled().evictedSeconds()) && socketsAfterEviction == 0));
	}

	private static void row(String figure, double alone, double held, double evicted) {
		System.out.printf("| %s | %s | %s | %s | %s | %s |%n", figure, TableFormat.number(alone),
				TableFormat.number(held), TableFormat.number(evicted), ratio(held, alone), ratio(evicted, alone));
	}

	/** A figure of the stalled clients themselves, which the run alone has none of. */
	private static void stalledRow(String figure, double held, double evicted) {
		System.out.printf("| %s | - | %s | %s | | |%n", figure, TableFormat.number(held), TableFormat.number(evicted));
	}

	private static String ratio(double figure, double alone) {
		return (alone == 0) ? "n/a" : TableFormat.number(figure / alone);
	}

}
