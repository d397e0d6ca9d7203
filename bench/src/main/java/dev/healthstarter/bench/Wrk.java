package dev.healthstarter.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code wrk} (Debian's package) against a loopback URL and reads its summary: requests per second and the
 * latency distribution (wrk {@code --latency}).
 *
 * @param requestsPerSecond throughput
 * @param p50Millis median latency in milliseconds
 * @param p99Millis 99th percentile latency in milliseconds
 * @param non2xx responses that were not 2xx or 3xx
 */
record Wrk(double requestsPerSecond, double p50Millis, double p99Millis, long non2xx) {

	private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	static Wrk run(String url, int connections, Duration duration) throws IOException, InterruptedException {
		Process wrk = new ProcessBuilder("wrk", "-t" + Math.min(2, connections), "-c" + connections, "-d" + duration.toSeconds() + "s", "--latency",
				url)
			.redirectErrorStream(true)
			.start();
		if (!wrk.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
			wrk.destroyForcibly();
			throw new IllegalStateException("wrk did not finish");
		}
		String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		Matcher rate = RATE.matcher(output);
		if (!rate.find()) {
			throw new IllegalStateException("unexpected wrk output:\n" + output);
		}
		Matcher non2xx = NON_2XX.matcher(output);
		return new Wrk(Double.parseDouble(rate.group(1)), percentile(output, "50%"), percentile(output, "99%"),
				non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0);
	}

	/**
	 * Runs each URL for {@code each}, alternating them over {@code rounds} rounds so that no URL always runs
	 * first or last on a noisy machine.
	 * @return per URL, the mean of its rounds (non-2xx summed)
	 */
	static java.util.Map<String, Wrk> alternate(int connections, Duration each, int rounds, String... urls)
			throws IOException, InterruptedException {
		java.util.Map<String, java.util.List<Wrk>> runs = new java.util.LinkedHashMap<>();
		for (int round = 0; round < rounds; round++) {
			for (String url : urls) {
				runs.computeIfAbsent(url, (key) -> new java.util.ArrayList<>()).add(run(url, connections, each));
			}
		}
		java.util.Map<String, Wrk> means = new java.util.LinkedHashMap<>();
		runs.forEach((url, results) -> means.put(url, new Wrk(
				results.stream().mapToDouble(Wrk::requestsPerSecond).average().orElseThrow(),
				results.stream().mapToDouble(Wrk::p50Millis).average().orElseThrow(),
				results.stream().mapToDouble(Wrk::p99Millis).average().orElseThrow(),
				results.stream().mapToLong(Wrk::non2xx).sum())));
		return means;
	}

	private static double percentile(String output, String label) {
		Matcher matcher = Pattern.compile("^\\s+" + label + "\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE)
			.matcher(output);
		if (!matcher.find()) {
			throw new IllegalStateException("no " + label + " latency in wrk output:\n" + output);
		}
		double value = Double.parseDouble(matcher.group(1));
		return switch (matcher.group(2)) {
			case "us" -> value / 1000;
			case "s" -> value * 1000;
			default -> value;
		};
	}

}
