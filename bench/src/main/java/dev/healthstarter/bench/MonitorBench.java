package dev.healthstarter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * P11, a monitor at scale: the sample app watches 1,000 HTTP targets from a targets file
 * ({@code health.http.targets-file}), probed every {@code health.http.interval=10s} with a timeout of 1 s, on a
 * {@link TargetServer} in this process: 500 answer at once, 400 after 0.8 s, 100 accept the request and never answer.
 * After a warm-up of one interval (every target has been probed once), {@code intervals} intervals are measured, while
 * {@link ClosedLoopLoad} asks {@code /health/readiness} about 20 times a second for the whole run:
 * <ul>
 * <li>targets probed per interval: distinct targets whose request reached the target server in each interval (the
 * window reaching {@link #TOLERANCE} into the next, so a probe the scheduler started a little late is not a miss),
 * the longest gap between two probes of one target, and the starter's own count of calls
 * ({@code health_check_duration_seconds_count} on {@code /metrics}) beside the server's;</li>
 * <li>reported-state errors: once a second, each target in {@code GET /health/targets} that is reported other than it
 * is (the fast and slow ones not {@code healthy}, the hanging ones not {@code unhealthy} with "timed out", or a
 * target missing);</li>
 * <li>the starter's threads ({@code health-*}, from {@code /proc}), sampled once a second from start to end;</li>
 * <li>readiness latency over the measured intervals.</li>
 * </ul>
 * Loopback only; every phase is bounded in time.
 * <p>
 * Usage: {@code MonitorBench <sample class path> [intervals=6]}
 */
public final class MonitorBench {

	private static final int PORT = 18110;

	private static final int FAST = 500;

	private static final int SLOW = 400;

	private static final int HANGING = 100;

	private static final int TARGETS = FAST + SLOW + HANGING;

	/** The targets' behaviours, as their names and paths start. */
	private static final List<String> KINDS = List.of("fast", "slow", "hang");

	private static final Duration INTERVAL = Duration.ofSeconds(10);

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	/** How far an interval's window reaches into the next one. */
	private static final Duration TOLERANCE = Duration.ofSeconds(1);

	private static final Duration WARM_UP = INTERVAL.plusSeconds(2);

	private static final int MAX_STARTER_THREADS = 20;

	private static final double MAX_READINESS_P99_MILLIS = 50;

	/** A target's entry in {@code /health/targets}: name, state and, when shown, message. */
	private static final Pattern TARGET = Pattern.compile(
			"\"((?:fast|slow|hang)-\\d{3})\":\\{\"state\":\"([a-z]+)\"(?:,\"critical\":false)?(?:,\"message\":\"((?:[^\"\\\\]|\\\\.)*)\")?");

	private MonitorBench() {
	}

	public static void main(String[] args) throws Exception {
		String classpath = args[0];
		int intervals = (args.length > 1) ? Integer.parseInt(args[1]) : 6;
		Path log = Path.of("bench", "target", "p11-server.log");
		Duration measured = INTERVAL.multipliedBy(intervals);
		String readiness = "http://127.0.0.1:" + PORT + "/health/readiness";
		Threads threads = new Threads();
		Looks looks = new Looks();
		long start;
		Calls callsBefore;
		Calls callsAfter;
		ClosedLoopLoad.Figures probes;
		TargetServer targets = new TargetServer();
		try {
			List<String> serverArgs = List.of("--health.http.targets-file=" + writeTargetsFile(targets.port()),
					"--health.http.interval=" + INTERVAL.toSeconds() + "s", "--health.timeout=" + TIMEOUT.toSeconds() + "s");
			try (ServerProcess server = ServerProcess.sample(classpath, WebServer.TOMCAT, PORT, log, serverArgs);
					ClosedLoopLoad warmUp = new ClosedLoopLoad(readiness, 1, Duration.ofSeconds(5), Duration.ofMillis(50))) {
				sample(server, System.nanoTime() + WARM_UP.toNanos(), threads, null);
				warmUp.stop();
				try (ClosedLoopLoad load = new ClosedLoopLoad(readiness, 1, Duration.ofSeconds(5), Duration.ofMillis(50))) {
					callsBefore = Calls.scrape(server);
					start = System.nanoTime();
					sample(server, start + measured.toNanos(), threads, looks);
					callsAfter = Calls.scrape(server);
					probes = load.stop();
				}
				// the probes under way at the end settle (the hung ones time out) before the app stops
				Thread.sleep(TIMEOUT.plusSeconds(1).toMillis());
			}
		}
		finally {
			// its figures are read once its thread has ended
			targets.close();
		}
		print(intervals, targets, start, callsBefore, callsAfter, looks, threads, probes);
	}

	private static Path writeTargetsFile(int port) throws IOException {
		StringBuilder yaml = new StringBuilder("targets:\n");
		for (int i = 0; i < TARGETS; i++) {
			String kind = kind(i);
			yaml.append(String.format("  - name: %s-%03d%n    url: http://127.0.0.1:%d/%s/%d%n    timeout: %ds%n", kind, i,
					port, kind, i, TIMEOUT.toSeconds()));
		}
		Path file = Path.of("bench", "target", "p11-targets.yml").toAbsolutePath();
		Files.createDirectories(file.getParent());
		return Files.writeString(file, yaml);
	}

	/** @return the behaviour of target {@code i}: the first 500 answer at once, the next 400 late, the rest never */
	private static String kind(int i) {
		return (i < FAST) ? "fast" : (i < FAST + SLOW) ? "slow" : "hang";
	}

	/** Samples threads (and, with {@code looks}, the reported states) once a second until {@code until}. */
	private static void sample(ServerProcess server, long until, Threads threads, Looks looks)
			throws IOException, InterruptedException {
		long next = System.nanoTime();
		while (next < until) {
			threads.sample(server);
			if (looks != null) {
				looks.look(server.get("/health/targets").body());
			}
			next += TimeUnit.SECONDS.toNanos(1);
			long sleep = Math.min(next, until) - System.nanoTime();
			if (sleep > 0) {
				TimeUnit.NANOSECONDS.sleep(sleep);
			}
		}
	}

	private static void print(int intervals, TargetServer targets, long start, Calls callsBefore, Calls callsAfter,
			Looks looks, Threads threads, ClosedLoopLoad.Figures probes) {
		long interval = INTERVAL.toNanos();
		List<TargetServer.Arrival> arrivals = targets.arrivals();
		int minProbed = TARGETS;
		int maxProbed = 0;
		for (int k = 0; k < intervals; k++) {
			long from = start + k * interval;
			long to = from + interval + TOLERANCE.toNanos();
			BitSet probed = new BitSet(TARGETS);
			arrivals.stream().filter((arrival) -> arrival.nanos() >= from && arrival.nanos() < to)
				.forEach((arrival) -> probed.set(arrival.target()));
			minProbed = Math.min(minProbed, probed.cardinality());
			maxProbed = Math.max(maxProbed, probed.cardinality());
		}
		Map<String, Long> requests = new HashMap<>();
		long measuredEnd = start + intervals * interval;
		arrivals.stream().filter((arrival) -> arrival.nanos() >= start && arrival.nanos() < measuredEnd)
			.forEach((arrival) -> requests.merge(arrival.kind(), 1L, Long::sum));
		double[] perInterval = { requests.getOrDefault("fast", 0L) / (double) intervals,
				requests.getOrDefault("slow", 0L) / (double) intervals,
				requests.getOrDefault("hang", 0L) / (double) intervals };
		double[] calls = callsAfter.perInterval(callsBefore);
		double longestGap = longestGapSeconds(arrivals, start, measuredEnd);
		Samples hungClosed = new Samples();
		targets.hungClosedByClient().stream()
			.filter((hung) -> hung.arrived() >= start && hung.arrived() < measuredEnd)
			.forEach((hung) -> hungClosed.add((hung.closed() - hung.arrived()) / 1000));
		long hungArrived = requests.getOrDefault("hang", 0L);
		boolean everyInterval = minProbed == TARGETS;
		System.out.printf("%nP11 a monitor at scale: %,d HTTP targets on a local server (%d answer at once, %d after %.1f s, %d"
				+ " never), health.http.interval=%ds, timeout %d s; %d intervals measured after a %d s warm-up;"
				+ " /health/readiness asked about 20 times a second, /health/targets looked at once a second; Java %s, %d"
				+ " cores%n%n", TARGETS, FAST, SLOW, TargetServer.SLOW_MILLIS / 1000.0, HANGING, INTERVAL.toSeconds(),
				TIMEOUT.toSeconds(), intervals, WARM_UP.toSeconds(), Runtime.version(),
				Runtime.getRuntime().availableProcessors());
		System.out.println("| figure | value | target |");
		System.out.println("| --- | ---: | ---: |");
		System.out.printf("| targets probed per interval, min / max over the %d intervals (at the target server) | %s / %s"
				+ " | %s |%n", intervals, TableFormat.number((double) minProbed), TableFormat.number((double) maxProbed),
				TableFormat.number((double) TARGETS));
		System.out.printf("| probes per interval at the target server, at once / 0.8 s / never | %s / %s / %s | %d / %d /"
				+ " %d |%n", TableFormat.number(perInterval[0]), TableFormat.number(perInterval[1]),
				TableFormat.number(perInterval[2]), FAST, SLOW, HANGING);
		System.out.printf("| calls per interval the starter counted (`health_check_duration_seconds_count`), same split |"
				+ " %s / %s / %s | |%n", TableFormat.number(calls[0]), TableFormat.number(calls[1]),
				TableFormat.number(calls[2]));
		System.out.printf("| longest gap between two probes of one target (s) | %.2f | <= %d |%n", longestGap,
				INTERVAL.plus(TOLERANCE).toSeconds());
		System.out.printf("| reported-state errors, in %d looks at %,d targets | %d | 0 |%n", looks.count, TARGETS,
				looks.errors);
		System.out.printf("| hung requests the prober closed, of those that arrived; ms after arrival p50 / max | %d of %d;"
				+ " %s / %s | all; at %d |%n", hungClosed.size(), hungArrived, TableFormat.number(hungClosed.millis(50)),
				TableFormat.number(hungClosed.maxMillis()), TIMEOUT.toMillis());
		System.out.printf("| hung connections left open for %d s (closed by the target server) | %d | 0 |%n",
				TargetServer.HANG_MILLIS / 1000, targets.hungClosedHere());
		System.out.printf("| connections to the target server, most at once | %d | |%n", targets.maxOpen());
		System.out.printf("| starter threads (`health-*`), max | %d | <= %d |%n", threads.max, MAX_STARTER_THREADS);
		System.out.printf("| readiness requests, p50 / p99 (ms) | %s / %s | p99 <= %.0f |%n",
				TableFormat.number(probes.millis(50)), TableFormat.number(probes.millis(99)), MAX_READINESS_P99_MILLIS);
		System.out.printf("%nreadiness: %d requests, %d unanswered, %d 5xx; target server: %d connections refused, %d"
				+ " answers not written whole%n", probes.attempts(), probes.unanswered(), probes.serverErrors(),
				targets.refused(), targets.failedWrites());
		System.out.println("starter threads at their most: " + threads.namesAtMax + "; distinct names seen over the run: "
				+ threads.distinctNames());
		looks.examples.forEach((example) -> System.out.println("wrong: " + example));
		System.out.printf("%nTarget: every target probed every interval: %s; 0 wrong states: %s; at most %d starter"
				+ " threads: %s; readiness p99 <= %.0f ms: %s%n", TableFormat.pass(everyInterval),
				TableFormat.pass(looks.errors == 0), MAX_STARTER_THREADS, TableFormat.pass(threads.max <= MAX_STARTER_THREADS),
				MAX_READINESS_P99_MILLIS, TableFormat.pass(probes.millis(99) <= MAX_READINESS_P99_MILLIS));
	}

	/**
	 * @return the longest time between two consecutive requests of one target, the later one within
	 * {@code [start, end)}, in seconds
	 */
	private static double longestGapSeconds(List<TargetServer.Arrival> arrivals, long start, long end) {
		long[] last = new long[TARGETS];
		Arrays.fill(last, Long.MIN_VALUE);
		long longest = 0;
		for (TargetServer.Arrival arrival : arrivals) {
			long previous = last[arrival.target()];
			if (previous != Long.MIN_VALUE && arrival.nanos() >= start && arrival.nanos() < end) {
				longest = Math.max(longest, arrival.nanos() - previous);
			}
			last[arrival.target()] = arrival.nanos();
		}
		return longest / 1e9;
	}

	/** What {@code /health/targets} reported, compared with what each target is. Not thread-safe. */
	private static final class Looks {

		private int count;

		private long errors;

		private final List<String> examples = new ArrayList<>();

		void look(String body) {
			this.count++;
			BitSet seen = new BitSet(TARGETS);
			Matcher matcher = TARGET.matcher(body);
			while (matcher.find()) {
				String name = matcher.group(1);
				String state = matcher.group(2);
				String message = (matcher.group(3) != null) ? matcher.group(3) : "";
				seen.set(Integer.parseInt(name.substring(5)));
				boolean right = name.startsWith("hang") ? state.equals("unhealthy") && message.contains("timed out")
						: state.equals("healthy");
				if (!right) {
					wrong(name + " reported " + state + (message.isEmpty() ? "" : ": " + message));
				}
			}
			for (int i = seen.nextClearBit(0); i < TARGETS; i = seen.nextClearBit(i + 1)) {
				wrong(String.format("%s-%03d missing from /health/targets", kind(i), i));
			}
		}

		private void wrong(String example) {
			this.errors++;
			if (this.examples.size() < 5) {
				this.examples.add("look " + this.count + ": " + example);
			}
		}

	}

	/**
	 * The most starter threads seen at once and their names then, and every name seen (a pool whose thread numbers
	 * climb is replacing threads). Names are counted with their trailing number written as {@code N}. Not thread-safe.
	 */
	private static final class Threads {

		private long max;

		private Map<String, Long> namesAtMax = new TreeMap<>();

		private final Set<String> seen = new TreeSet<>();

		void sample(ServerProcess server) throws IOException {
			Map<String, Long> names = server.threadNames("health-");
			this.seen.addAll(names.keySet());
			long count = names.values().stream().mapToLong(Long::longValue).sum();
			if (count > this.max) {
				this.max = count;
				this.namesAtMax = new TreeMap<>();
				names.forEach((name, threads) -> this.namesAtMax.merge(numbered(name), threads, Long::sum));
			}
		}

		Map<String, Long> distinctNames() {
			Map<String, Long> distinct = new TreeMap<>();
			this.seen.forEach((name) -> distinct.merge(numbered(name), 1L, Long::sum));
			return distinct;
		}

		private static String numbered(String name) {
			return name.replaceAll("-\\d+$", "-N");
		}

	}

	/**
	 * The calls of the fast, slow and hanging targets' checks as the starter counts them
	 * ({@code health_check_duration_seconds_count}), dated at the middle of the scrape that read them: a scrape of
	 * 1,000 targets' meters takes long enough to matter.
	 */
	private record Calls(double[] counts, long nanos) {

		static Calls scrape(ServerProcess server) throws IOException, InterruptedException {
			long before = System.nanoTime();
			Map<String, Double> samples = server.samples("health_check_duration_seconds_count", "check=\"");
			long after = System.nanoTime();
			double[] counts = new double[3];
			samples.forEach((labels, count) -> {
				for (int i = 0; i < KINDS.size(); i++) {
					counts[i] += labels.contains("check=\"" + KINDS.get(i) + "-") ? count : 0;
				}
			});
			return new Calls(counts, before + (after - before) / 2);
		}

		/** @return the calls per interval since {@code earlier}, fast, slow and hanging */
		double[] perInterval(Calls earlier) {
			double intervals = (this.nanos - earlier.nanos) / (double) INTERVAL.toNanos();
			double[] rates = new double[this.counts.length];
			for (int i = 0; i < rates.length; i++) {
				rates[i] = (this.counts[i] - earlier.counts[i]) / intervals;
			}
			return rates;
		}

	}

}
