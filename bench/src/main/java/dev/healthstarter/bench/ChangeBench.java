package dev.healthstarter.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
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
 * the end of the evaluation that saw it (the transition's {@code at}, which is the frame's {@code since}). The
 * baseline, in the same server at the same time, is the tick-bound behaviour: subscribers in
 * {@code mode=poll} at {@code poll_interval=30} on their own client thread. Only transitions that are at least
 * 31 s older than the end of the hold are dated, so a poll subscriber has had a tick to see each. Loopback only;
 * every phase is bounded in time.
 * <p>
 * Usage: {@code ChangeBench <sample class path> [subscribers=10000] [holdSeconds=90]}
 */
public final class ChangeBench {

	private static final int PORT = 18080;

	private static final int POLL_SUBSCRIBERS = 50;

	private static final Pattern FLIP = Pattern.compile("\"check\":\"flip\",[^}]*\"at\":\"([^\"]+)\"");

	private ChangeBench() {
	}

	public static void main(String[] args) throws Exception {
		String classpath = args[0];
		int subscribers = (args.length > 1) ? Integer.parseInt(args[1]) : 10_000;
		Duration hold = Duration.ofSeconds((args.length > 2) ? Long.parseLong(args[2]) : 90);
		InetSocketAddress address = new InetSocketAddress("127.0.0.1", PORT);
		ChangeLog pushed = new ChangeLog("flip");
		ChangeLog polled = new ChangeLog("flip");
		Path log = Path.of("bench", "target", "p6-server.log");
		List<String> serverArgs = List.of("--spring.main.sources=" + FlippingCheckConfiguration.class.getName(),
				"--health.stream.max-subscribers=" + (subscribers + POLL_SUBSCRIBERS));
		try (ServerProcess server = ServerProcess.sample(classpath, WebServer.TOMCAT, PORT, log, serverArgs);
				ClosedLoopLoad probes = new ClosedLoopLoad("http://127.0.0.1:" + PORT + "/health/readiness", 1,
						Duration.ofSeconds(30), Duration.ofMillis(200));
				SseLoadClient changes = new SseLoadClient(address, "/health/$stream?mode=changes&poll_interval=30",
						pushed);
				SseLoadClient polls = new SseLoadClient(address, "/health/$stream?mode=poll&poll_interval=30",
						polled)) {
			changes.connect(subscribers, 500, Duration.ofSeconds(120));
			polls.connect(POLL_SUBSCRIBERS, POLL_SUBSCRIBERS, Duration.ofSeconds(30));
			System.out.printf("%d of %d mode=changes and %d of %d mode=poll subscribers streaming%n",
					changes.connected(), subscribers, polls.connected(), POLL_SUBSCRIBERS);
			long start = ChangeLog.micros(Instant.now());
			Thread pollReader = new Thread(() -> receive(polls, hold), "poll-subscribers");
			pollReader.start();
			changes.receive(hold);
			pollReader.join(TimeUnit.SECONDS.toMillis(hold.toSeconds() + 30));
			long end = start + TimeUnit.SECONDS.toMicros(hold.toSeconds() - 31);
			long[] transitions = transitions(server.get("/health/history").body(), start, end);
			ClosedLoopLoad.Figures probed = probes.stop();
			print(subscribers, hold, transitions.length, changes.connected(), pushed.lags(transitions),
					polls.connected(), polled.lags(transitions), probed);
		}
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

	private static void print(int subscribers, Duration hold, int transitions, int pushedSubscribers,
			ChangeLog.Lags pushed, int polledSubscribers, ChangeLog.Lags polled, ClosedLoopLoad.Figures probes) {
		System.out.printf("%nP6 change propagation: %d mode=changes subscribers at poll_interval=30 beside %d mode=poll"
				+ " subscribers at poll_interval=30, held %d s, %d transitions of flip dated; readiness probed %d times"
				+ " (p99 %.1f ms); Java %s, %d cores%n%n", subscribers, POLL_SUBSCRIBERS, hold.toSeconds(), transitions,
				probes.attempts(), probes.millis(99), Runtime.version(), Runtime.getRuntime().availableProcessors());
		System.out.println("| figure | mode=changes (pushed) | mode=poll baseline | baseline / pushed |");
		System.out.println("| --- | ---: | ---: | ---: |");
		row("subscribers streaming at the end", pushedSubscribers, polledSubscribers);
		row("transitions received", pushed.micros().size(), polled.micros().size());
		row("transitions never received", pushed.missed(), polled.missed());
		row("lag min (ms)", pushed.micros().millis(0), polled.micros().millis(0));
		row("lag p50 (ms)", pushed.micros().millis(50), polled.micros().millis(50));
		row("lag p99 (ms)", pushed.micros().millis(99), polled.micros().millis(99));
		row("lag max (ms)", pushed.micros().maxMillis(), polled.micros().maxMillis());
		System.out.printf("%nTarget: mode=changes lag p99 <= 100 ms: %s%n",
				TableFormat.pass(pushed.micros().millis(99) <= 100 && pushed.missed() == 0));
	}

	private static void row(String figure, double pushed, double polled) {
		System.out.printf("| %s | %s | %s | %s |%n", figure, TableFormat.number(pushed), TableFormat.number(polled),
				(pushed == 0) ? "n/a" : TableFormat.number(polled / pushed));
	}

}
