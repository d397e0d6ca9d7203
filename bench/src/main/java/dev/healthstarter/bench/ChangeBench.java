package dev.healthstarter.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * P6, change propagation: N subscribers hold {@code /health/$stream?mode=changes&poll_interval=30} against the
 * sample app with {@link FlippingCheckConfiguration}'s check {@code flip} changing state every 5 s, while a
 * probe loop asks {@code /health/readiness} 5 times a second. For each transition of {@code flip} (from
 * {@code /health/history}) and each subscriber, the figure is the receipt of the first frame that shows it minus
 * the end of the evaluation that saw it (the transition's {@code at}, which is the frame's {@code since}). Two
 * baselines of the same run:
 * <ul>
 * <li>the tick-bound behaviour, in the same server at the same time: subscribers in {@code mode=poll} at
 * {@code poll_interval=30} on their own client thread;</li>
 * <li>the floor, in a fresh process after the starter's: {@link FanOutFloor} writes the same frame to as many held
 * sockets at the same flip boundaries, with one thread and nothing else, dated the same way.</li>
 * </ul>
 * Only transitions at least 31 s older than the end of the hold are dated, so a poll subscriber has had a tick to
 * see each. The subscribers are held by this process, apart from the server's (each process may hold at most
 * 20,000 open files here). Loopback only; every phase is bounded in time.
 * <p>
 * Usage: {@code ChangeBench <sample class path> [subscribers=10000] [holdSeconds=90]}
 */
public final class ChangeBench {

	static final int PORT = 18080;

	static final InetSocketAddress ADDRESS = new InetSocketAddress("127.0.0.1", PORT);

	static final String CHANGES = "/health/$stream?mode=changes&poll_interval=30";

	/** {@code health.stream.write-timeout}'s default. */
	static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * How long past the write timeout a run waits for the stalled clients' eviction to be seen: their writes block
	 * only once the kernel's send buffer is full, which on loopback may grow to {@code tcp_wmem}'s most (4 MB here, about
	 * 2 MB of frames, 2.5 minutes at {@code poll_interval=0.1}); measured, they block 55 to 60 s after connecting.
	 */
	private static final Duration EVICTION_WAIT = Duration.ofMinutes(5);

	private static final int POLL_SUBSCRIBERS = 50;

	/** How long before the end of the hold P6 dates transitions: a {@code mode=poll} subscriber has had a tick. */
	static final Duration POLL_SETTLE = Duration.ofSeconds(31);

	private static final Duration FLIP_PERIOD = Duration.ofSeconds(5);

	private static final Pattern FLIP = Pattern.compile("\"check\":\"flip\",[^}]*\"at\":\"([^\"]+)\"");

	private ChangeBench() {
	}

	public static void main(String[] args) throws Exception {
		String classpath = args[0];
		int subscribers = (args.length > 1) ? Integer.parseInt(args[1]) : 10_000;
		Duration hold = Duration.ofSeconds((args.length > 2) ? Long.parseLong(args[2]) : 90);
		Run starter = starter(classpath, WebServer.TOMCAT, "p6", subscribers, 0, hold, DEFAULT_WRITE_TIMEOUT,
				POLL_SETTLE);
		Run floor = floor(classpath, starter.frame(), subscribers, hold);
		print(subscribers, hold, starter, floor);
	}

	/**
	 * Runs the sample app on {@code webServer} with {@code subscribers} {@code mode=changes} subscribers, the
	 * {@code mode=poll} baseline and {@code stalled} {@link StalledClients} at {@code poll_interval=0.1}, watched by a
	 * {@link StalledClientsWatch}, then stops it with them connected. When {@code writeTimeout} is shorter than the
	 * hold, the stalled clients are evicted within the run, and the subscribers are read on past the hold until the
	 * server's sockets to them were counted after their eviction (at most {@code writeTimeout} and five minutes longer).
	 * The hold starts one flip period after the starter took every stalled client as a subscriber (at most 10 s after
	 * they connected), in every run: no transition it dates falls in the bench's own steps before it, a full GC (for
	 * the heap figure) and the stalled clients' admission (their streams' opening, and on Tomcat about 80 KB of
	 * buffers per connection that the next young collections promote).
	 * @param name names the server's log, {@code bench/target/<name>-server.log}
	 * @param writeTimeout the server's {@code health.stream.write-timeout}
	 * @param settle how long before the end of the hold a transition must be to be dated ({@link #POLL_SETTLE} for
	 * the {@code mode=poll} figures; shorter when only the pushed ones count)
	 */
	static Run starter(String classpath, WebServer webServer, String name, int subscribers, int stalled, Duration hold,
			Duration writeTimeout, Duration settle) throws Exception {
		// one more for the stream that firstDataLine opens (closed, but held until a write finds it gone)
		int streams = subscribers + POLL_SUBSCRIBERS + stalled + 1;
		// The per-client cap is lifted to the total, as 127.0.0.1 holds every subscriber that reads; the stalled
		// clients' addresses hold an eighth of them each
		List<String> args = List.of("--spring.main.sources=" + FlippingCheckConfiguration.class.getName(),
				"--health.stream.max-subscribers=" + streams, "--health.stream.max-subscribers-per-client=" + streams,
				"--health.stream.write-timeout=" + writeTimeout.toMillis() + "ms");
		ChangeLog pushed = new ChangeLog("flip");
		ChangeLog polled = new ChangeLog("flip");
		Path log = Path.of("bench", "target", name + "-server.log");
		ServerProcess server = ServerProcess.sample(classpath, webServer, PORT, log, args);
		try (server;
				ClosedLoopLoad probes = new ClosedLoopLoad("http://127.0.0.1:" + PORT + "/health/readiness", 1,
						Duration.ofSeconds(30), Duration.ofMillis(200));
				SseLoadClient changes = new SseLoadClient(ADDRESS, CHANGES, pushed);
				SseLoadClient polls = new SseLoadClient(ADDRESS, "/health/$stream?mode=poll&poll_interval=30",
						polled);
				ThreadSampler threads = new ThreadSampler(server)) {
			String frame = firstDataLine();
			changes.connect(subscribers, 500, Duration.ofSeconds(120));
			polls.connect(POLL_SUBSCRIBERS, POLL_SUBSCRIBERS, Duration.ofSeconds(30));
			System.out.printf("[%s] %d of %d mode=changes and %d of %d mode=poll subscribers streaming%n", name,
					changes.connected(), subscribers, polls.connected(), POLL_SUBSCRIBERS);
			double heapBefore = server.heapAfterGcBytes();
			double subscribersBefore = StalledClientsWatch.subscribers(server);
			double evictionsBefore = StalledClientsWatch.evictions(server);
			try (StalledClients stalledClients = new StalledClients(ADDRESS, "/health/$stream?poll_interval=0.1",
					stalled);
					StalledClientsWatch watch = new StalledClientsWatch(server, PORT, stalledClients, stalled,
							subscribersBefore, evictionsBefore)) {
				watch.awaitAdmission();
				Thread.sleep(FLIP_PERIOD.toMillis());
				long evictionDeadline = System.nanoTime() + writeTimeout.plus(EVICTION_WAIT).toNanos();
				long start = ChangeLog.micros(Instant.now());
				Thread pollReader = new Thread(() -> receive(polls, hold), "poll-subscribers");
				pollReader.start();
				changes.receive(hold);
				pollReader.join(TimeUnit.SECONDS.toMillis(hold.toSeconds() + 30));
				while (writeTimeout.compareTo(hold) < 0 && !watch.done() && System.nanoTime() < evictionDeadline) {
					changes.receive(Duration.ofSeconds(1));
				}
				StalledClientsWatch.Figures stalledFigures = watch.finish();
				long end = start + TimeUnit.SECONDS.toMicros(hold.minus(settle).toSeconds());
				long[] transitions = transitions(server.get("/health/history").body(), start, end);
				double heapGrowth = server.heapAfterGcBytes() - heapBefore;
				double evictions = StalledClientsWatch.evictions(server) - evictionsBefore;
				ClosedLoopLoad.Figures probed = probes.stop();
				long maxThreads = threads.max();
				long maxStarterThreads = threads.maxStarter();
				Duration shutdown = server.stop();
				return new Run(frame, transitions.length, changes.connected(), pushed.lags(transitions),
						polls.connected(), polled.lags(transitions), probed, maxThreads, maxStarterThreads,
						heapGrowth, evictions, stalledFigures, shutdown);
			}
		}
	}

	/** Runs {@link FanOutFloor} with {@code frame} and holds {@code subscribers} on it as on the starter. */
	private static Run floor(String classpath, String frame, int subscribers, Duration hold) throws Exception {
		Path frameFile = Path.of("bench", "target", "p6-floor-frame.txt");
		Files.writeString(frameFile, frame);
		ChangeLog received = new ChangeLog("flip");
		try (ServerProcess floor = ServerProcess.floor(classpath, frameFile, FLIP_PERIOD, PORT,
				Path.of("bench", "target", "p6-floor.log"));
				SseLoadClient changes = new SseLoadClient(ADDRESS, CHANGES, received)) {
			changes.connect(subscribers, 500, Duration.ofSeconds(120));
			System.out.printf("[floor] %d of %d subscribers streaming%n", changes.connected(), subscribers);
			long start = ChangeLog.micros(Instant.now());
			changes.receive(hold);
			long end = start + TimeUnit.SECONDS.toMicros(hold.minus(POLL_SETTLE).toSeconds());
			long[] transitions = floor.get("/transitions")
				.body()
				.lines()
				.mapToLong((line) -> ChangeLog.micros(Instant.parse(line)))
				.filter((at) -> at >= start && at <= end)
				.toArray();
			return new Run(frame, transitions.length, changes.connected(), received.lags(transitions), 0, null, null,
					0, 0, 0, 0, null, Duration.ZERO);
		}
	}

	/** @return the first {@code data:} line of a {@code mode=changes} stream, as the sample app writes it */
	private static String firstDataLine() throws IOException {
		try (Socket socket = new Socket(ADDRESS.getAddress(), PORT)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("GET " + CHANGES + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith("data:")) {
					return line;
				}
			}
		}
		throw new IllegalStateException("the stream ended before its first frame");
	}

	private static void receive(SseLoadClient client, Duration hold) {
		try {
			client.receive(hold);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** @return when {@code flip} changed state within [start, end], ascending, in wall-clock microseconds */
	private static long[] transitions(String history, long start, long end) {
		Matcher matcher = FLIP.matcher(history);
		return matcher.results()
			.mapToLong((result) -> ChangeLog.micros(Instant.parse(result.group(1))))
			.filter((at) -> at >= start && at <= end)
			.sorted()
			.toArray();
	}

	private static void print(int subscribers, Duration hold, Run starter, Run floor) {
		System.out.printf("%nP6 change propagation: %d mode=changes subscribers at poll_interval=30 beside %d mode=poll"
				+ " subscribers at poll_interval=30, held %d s, %d transitions of flip dated (floor: %d); readiness"
				+ " probed %d times (p99 %.1f ms); Java %s, %d cores%n%n", subscribers, POLL_SUBSCRIBERS,
				hold.toSeconds(), starter.transitions(), floor.transitions(), starter.probes().attempts(),
				starter.probes().millis(99), Runtime.version(), Runtime.getRuntime().availableProcessors());
		System.out.println("| figure | mode=changes (pushed) | floor (one NIO thread) | pushed / floor"
				+ " | mode=poll baseline |");
		System.out.println("| --- | ---: | ---: | ---: | ---: |");
		row("subscribers streaming at the end", starter.streaming(), floor.streaming(), starter.polledStreaming());
		row("deliveries dated", starter.pushed().micros().size(), floor.pushed().micros().size(),
				starter.polled().micros().size());
		row("transitions never received", starter.pushed().missed(), floor.pushed().missed(),
				starter.polled().missed());
		row("lag min (ms)", starter.pushed().micros().millis(0), floor.pushed().micros().millis(0),
				starter.polled().micros().millis(0));
		row("lag p50 (ms)", starter.pushed().micros().millis(50), floor.pushed().micros().millis(50),
				starter.polled().micros().millis(50));
		row("lag p99 (ms)", starter.pushed().micros().millis(99), floor.pushed().micros().millis(99),
				starter.polled().micros().millis(99));
		row("lag max (ms)", starter.pushed().micros().maxMillis(), floor.pushed().micros().maxMillis(),
				starter.polled().micros().maxMillis());
		double p99 = starter.pushed().micros().millis(99);
		double floorP99 = floor.pushed().micros().millis(99);
		System.out.printf("%nTarget: mode=changes lag p99 <= 100 ms, or <= 2x the floor's where that is above 50 ms"
				+ " (%.1f ms against a floor of %.1f ms): %s%n", p99, floorP99,
				TableFormat.pass(starter.pushed().missed() == 0 && (p99 <= 100 || (floorP99 > 50 && p99 <= 2 * floorP99))));
	}

	private static void row(String figure, double pushed, double floor, double polled) {
		System.out.printf("| %s | %s | %s | %s | %s |%n", figure, TableFormat.number(pushed),
				TableFormat.number(floor), (floor == 0) ? "n/a" : TableFormat.number(pushed / floor),
				TableFormat.number(polled));
	}

	/**
	 * What one server's run gave.
	 * @param frame the first {@code data:} line it wrote
	 * @param transitions the transitions dated
	 * @param streaming the {@code mode=changes} subscribers still streaming at the end
	 * @param pushed their lags
	 * @param polledStreaming the {@code mode=poll} subscribers still streaming at the end (0 on the floor)
	 * @param polled their lags ({@code null} on the floor)
	 * @param probes the readiness probes during the run ({@code null} on the floor)
	 * @param maxThreads the server's threads, most seen (sampled each second)
	 * @param maxStarterThreads its threads named {@code health-*}, most seen
	 * @param heapGrowth heap after a full GC at the end of the hold minus before it (the stalled clients connected
	 * in between), in bytes
	 * @param evictions {@code health.stream.evictions} counted over the hold (the stalled clients connected at its
	 * start)
	 * @param stalled what became of the stalled clients ({@code null} on the floor)
	 * @param shutdown from SIGTERM to the end of the process, with every client still connected
	 */
	record Run(String frame, int transitions, int streaming, ChangeLog.Lags pushed, int polledStreaming,
			ChangeLog.Lags polled, ClosedLoopLoad.Figures probes, long maxThreads, long maxStarterThreads,
			double heapGrowth, double evictions, StalledClientsWatch.Figures stalled, Duration shutdown) {
	}

}
