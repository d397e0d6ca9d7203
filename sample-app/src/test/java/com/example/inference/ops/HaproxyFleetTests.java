package com.example.inference.ops;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real HAProxy (Debian's {@code haproxy}) in front of five sample instances on 127.0.0.1 that watch each other
 * ({@code health.fleet.peers}), checking each one's {@code /health/readiness} every 500 ms (five failures take a
 * server DOWN, two successes bring it back: a replica fails open only once an outage has held for
 * {@code health.fleet.fail-open.delay}, 1 s, so a load balancer must see failures for longer than that before it acts). The feature store that all five check is one stub server here. Without
 * fail-open its outage takes all five DOWN and HAProxy answers every request 503; with fail-open all five stay UP and
 * {@code POST /predict}, which never needs the feature store, is served every time while each instance's
 * {@code /health} still shows the check unhealthy; a fault of one instance's own database takes that one alone DOWN;
 * and three instances left of five keep failing open.
 */
@Timeout(240)
class HaproxyFleetTests {

	private static final int INSTANCES = 5;

	private static final Duration HAPROXY_INTERVAL = Duration.ofMillis(500);

	/** Failed checks in a row that take a server DOWN: 2.5 s of them, past the fail-open delay and a push. */
	private static final int HAPROXY_FALL = 5;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final SampleFleet instances = new SampleFleet(INSTANCES, List.of());

	private HttpServer featureStore;

	private volatile boolean outage;

	private Haproxy haproxy;

	@TempDir
	private Path directory;

	@BeforeEach
	void startFeatureStore() throws IOException {
		this.featureStore = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
		this.featureStore.createContext("/health", (exchange) -> {
			exchange.sendResponseHeaders(this.outage ? 503 : 200, -1);
			exchange.close();
		});
		this.featureStore.start();
	}

	@AfterEach
	void stopAll() {
		if (this.haproxy != null) {
			this.haproxy.close();
		}
		this.instances.close();
		this.featureStore.stop(0);
	}

	@Test
	void withoutFailOpenASharedOutageTakesEveryInstanceDownAndEveryRequestGets503() throws Exception {
		startFleet(false);
		assertThat(this.haproxy.predictions(50)).containsOnlyKeys(200);
		this.outage = true;
		long start = System.nanoTime();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
			.until(() -> this.haproxy.serverStates().values().stream().allMatch("DOWN"::equals));
		long allDown = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		Map<Integer, Integer> answers = this.haproxy.predictions(50);
		System.out.printf("HAProxy, shared outage without fail-open: all %d DOWN after %d ms, %s%n", INSTANCES,
				allDown, answers);
		assertThat(answers).containsOnlyKeys(503);
	}

	@Test
	void withFailOpenASharedOutageKeepsEveryInstanceUpAndServesEveryRequest() throws Exception {
		startFleet(true);
		this.outage = true;
		// long enough for every instance to see the outage, for its peers to learn it, and for HAProxy to act
		Map<Integer, Integer> answers = new TreeMap<>();
		long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
		List<String> down = new ArrayList<>();
		List<String> failedChecks = new ArrayList<>();
		while (System.nanoTime() < end) {
			this.haproxy.predictions(10).forEach((status, count) -> answers.merge(status, count, Integer::sum));
			this.haproxy.serverStates().forEach((server, state) -> {
				// "UP 1/2": one failed check, still UP (an instance that saw the outage a moment before its peers)
				(state.startsWith("UP") ? failedChecks : down).add(server + " " + state);
			});
			failedChecks.removeIf((state) -> state.endsWith(" UP"));
		}
		for (int i = 0; i < INSTANCES; i++) {
			String body = get(this.instances.port(i), "/health/readiness").body();
			assertThat(body).contains("\"failingOpen\":\"unhealthy on 5 of 5 instances\"");
			assertThat(get(this.instances.port(i), "/health").body()).containsPattern("\"featureStore\":\\{\"state\":\"unhealthy\"");
		}
		System.out.printf("HAProxy, shared outage with fail-open: POST /predict answers %s, servers seen DOWN: %s,"
				+ " seen UP after one failed check: %s%n", answers, down, failedChecks);
		assertThat(down).isEmpty();
		assertThat(answers).containsOnlyKeys(200);

		// two of five killed during the outage: three left, still a quorum, keep failing open
		this.instances.kill(3);
		this.instances.kill(4);
		end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
		answers.clear();
		while (System.nanoTime() < end) {
			this.haproxy.predictions(10).forEach((status, count) -> answers.merge(status, count, Integer::sum));
			Map<String, String> states = this.haproxy.serverStates();
			for (int i = 0; i < 3; i++) {
				assertThat(states.get("r" + i)).as("r" + i).startsWith("UP");
			}
		}
		System.out.printf("HAProxy, two of five killed during the outage: POST /predict answers %s%n", answers);
		assertThat(answers).containsOnlyKeys(200);
		for (int i = 0; i < 3; i++) {
			assertThat(get(this.instances.port(i), "/health/readiness").body())
				.contains("\"failingOpen\":\"unhealthy on 3 of 3 instances\"");
		}
	}

	@Test
	void aFaultOnOneInstanceTakesThatOneAloneDown() throws Exception {
		startFleet(true);
		this.instances.context(2).getBean(JdbcTemplate.class).execute("drop table prediction_log");
		long start = System.nanoTime();
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
			.until(() -> "DOWN".equals(this.haproxy.serverStates().get("r2")));
		Duration down = Duration.ofNanos(System.nanoTime() - start);
		Map<String, String> states = this.haproxy.serverStates();
		Map<Integer, Integer> answers = this.haproxy.predictions(50);
		System.out.printf("HAProxy, a fault on one instance: DOWN after %d ms (checks every %d ms), servers %s,"
				+ " POST /predict answers %s%n", down.toMillis(), HAPROXY_INTERVAL.toMillis(), states, answers);
		// the failed checks, each within an interval, after the instance's own database check saw the fault
		assertThat(down).isLessThan(HAPROXY_INTERVAL.multipliedBy(HAPROXY_FALL).plus(Duration.ofMillis(500)));
		assertThat(states).containsEntry("r0", "UP").containsEntry("r1", "UP").containsEntry("r3", "UP")
			.containsEntry("r4", "UP");
		assertThat(answers).containsOnlyKeys(200);
	}

	/** Starts the five instances and HAProxy, and waits until HAProxy has every server UP. */
	private void startFleet(boolean failOpen) throws IOException {
		this.instances.startAll("--inference.feature-store-url=http://127.0.0.1:"
				+ this.featureStore.getAddress().getPort() + "/health",
				// the checks a fault shows in run in the background, so an instance sees it without a caller
				"--health.checks.feature-store.interval=200ms", "--health.checks.database.interval=200ms",
				"--health.fleet.fail-open.enabled=" + failOpen);
		String[] servers = new String[INSTANCES];
		for (int i = 0; i < INSTANCES; i++) {
			servers[i] = Integer.toString(this.instances.port(i));
		}
		this.haproxy = new Haproxy(this.directory, HAPROXY_INTERVAL, HAPROXY_FALL, servers);
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
			.until(() -> this.haproxy.serverStates().size() == INSTANCES
					&& this.haproxy.serverStates().values().stream().allMatch("UP"::equals));
	}

	private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
