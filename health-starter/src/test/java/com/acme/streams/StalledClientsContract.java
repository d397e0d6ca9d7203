package com.acme.streams;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.acme.testing.HttpTestClient;
import com.acme.testing.HttpTestClient.Frame;
import com.acme.testing.HttpTestClient.SseStream;
import com.acme.testing.RawHttp;
import com.acme.testing.RawStreamClient;
import com.acme.testing.ServerSockets;
import dev.healthstarter.web.stream.HealthStreamBroadcaster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DESIGN.md, "How the stream stays fair", on one stack: clients that stop reading (uptime monitors, a laptop's
 * dashboard asleep, a proxy with full buffers) cost only themselves, are evicted and their connections closed after the
 * write timeout, never hold the shutdown; one client cannot take every stream; a connect-and-close loop piles up
 * nothing; the first frame of every stream carries {@code retry:}. Each subclass names a stack (Tomcat, Jetty, Netty),
 * as {@code SameContractOnEveryStackTests} does for the HTTP contract. Stalled clients have a 2 KB receive buffer and
 * are sent 256 KB frames, so their server's writes stall within a few frames.
 * <p>
 * One application is started per class and shared by the tests that need no context of their own; every test starts
 * with no subscriber.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
@Timeout(120)
abstract class StalledClientsContract {

	private static final int WRITERS = 8;

	private static final int STALLED = 2 * WRITERS;

	private static final String BULKY_STREAM = "/health/bulky/$stream?poll_interval=0.1";

	/**
	 * A Servlet container learns that a client closed an idle stream's connection only when a write to it fails, so
	 * such a stream, past its early heartbeats, is released at its next heartbeat (every 15 s by default; Netty sees
	 * the close at once). Under load, 8 of 32 streams on Tomcat, 3 on Jetty, were still open 10 s after their client
	 * closed them.
	 */
	private static final String HEARTBEAT = "2s";

	/** A stream of small frames (the bulky check is in no other group). */
	private static final String CHANGES = "/health/readiness/$stream?mode=changes";

	private static final List<String> BULKY = List.of("health.checks.bulky.groups=bulky",
			"health.max-details-size=1MB", "health.show-details=always");

	private final List<Socket> stalled = new ArrayList<>();

	private ConfigurableApplicationContext shared;

	private int port;

	private HttpTestClient http;

	/**
	 * The properties that start {@link StreamsApplication} on this stack: Spring MVC on the class path's servlet
	 * container unless a stack says otherwise.
	 * @return properties in {@code name=value} form
	 */
	List<String> stack() {
		return List.of("spring.main.web-application-type=servlet");
	}

	/**
	 * The simple name of the {@code WebServer} this stack runs, so that a class path that starts another fails.
	 * @return for example {@code TomcatWebServer}
	 */
	abstract String webServer();

	/**
	 * The beans this stack adds to {@link StreamsApplication}: a class with {@code @Bean} methods and no
	 * {@code @Configuration}, so that the application's component scan never loads another stack's class (each stack
	 * runs on a class path of its own).
	 * @return the class of the stack's beans
	 */
	Class<?> stackBeans() {
		return NoBeans.class;
	}

	/**
	 * How long closing the context may take with stalled clients: the streams' 1 s, plus the server's own stop.
	 * @return the bound
	 */
	Duration stalledClientsShutdownBound() {
		return Duration.ofSeconds(2);
	}

	@BeforeAll
	void startSharedServer() {
		List<String> properties = new ArrayList<>(BULKY);
		properties.addAll(List.of("health.stream.max-writer-threads=" + WRITERS, "health.stream.write-timeout=4s",
				"health.stream.heartbeat=" + HEARTBEAT));
		this.shared = start(properties);
		assertThat(((WebServerApplicationContext) this.shared).getWebServer().getClass().getSimpleName())
			.isEqualTo(webServer());
		this.port = port(this.shared);
		this.http = new HttpTestClient(this.port);
	}

	@AfterAll
	void stopSharedServer() {
		if (this.shared != null) {
			this.shared.close();
		}
	}

	@BeforeEach
	void noSubscriberYet() {
		await().atMost(Duration.ofSeconds(20)).until(() -> subscribers(this.http) == 0.0);
	}

	@AfterEach
	void closeClients() throws IOException {
		for (Socket socket : this.stalled) {
			socket.close();
		}
		this.stalled.clear();
	}

	/**
	 * Twice as many stalled clients as there are writer threads, each sent 256 KB frames every 0.1 s, neither delay a
	 * healthy subscriber (first frame within 1 s, then on time) nor the probes, and the starter's threads do not grow
	 * with them. On b0f11ed a healthy subscriber's first frame came after about 56 s once 8 clients had stalled.
	 */
	@Test
	void aHealthySubscriberGetsItsFramesOnTimeAndProbesStayFast() throws Exception {
		stallClients(STALLED);
		List<Long> frameTimes = new CopyOnWriteArrayList<>();
		long start = System.nanoTime();
		try (Socket healthy = RawStreamClient.from("127.0.0.1", this.port,
				"/health/liveness/$stream?poll_interval=0.1")) {
			Thread reader = new Thread(() -> readDataFrames(healthy, frameTimes), "healthy-reader");
			reader.setDaemon(true);
			reader.start();
			long probeMillis = 0;
			while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
				long probeStart = System.nanoTime();
				assertThat(this.http.get("/health/readiness").statusCode()).isEqualTo(200);
				probeMillis = Math.max(probeMillis, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - probeStart));
				Thread.sleep(200);
			}
			assertThat(frameTimes).isNotEmpty();
			long firstFrameMillis = TimeUnit.NANOSECONDS.toMillis(frameTimes.get(0) - start);
			// 10 s at 0.1 s is about 100 frames; on time means at most 200 ms after the one before
			long onTime = 0;
			for (int i = 1; i < frameTimes.size(); i++) {
				onTime += (frameTimes.get(i) - frameTimes.get(i - 1) <= TimeUnit.MILLISECONDS.toNanos(200)) ? 1 : 0;
			}
			report("first frame beside %d stalled clients after %d ms, %d of %d frames on time, slowest probe %d ms",
					STALLED, firstFrameMillis, onTime, frameTimes.size(), probeMillis);
			assertThat(firstFrameMillis).as("first frame, ms").isLessThan(1000);
			assertThat(onTime).as("frames on time of %s", frameTimes.size()).isGreaterThanOrEqualTo(80);
			assertThat(probeMillis).as("slowest readiness probe, ms").isLessThan(1000);
		}
	}

	/**
	 * After the write timeout stalled clients are evicted, counted, and their server sockets closed within 5 s (the
	 * kernel's view, {@code /proc/net/tcp}): on Netty, before issue 27, 4 stayed ESTABLISHED.
	 */
	@Test
	void stalledClientsAreClosedAndCountedAfterTheWriteTimeout() throws Exception {
		double evictionsBefore = evictions();
		stallClients(STALLED);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(evictions() - evictionsBefore).isGreaterThanOrEqualTo(STALLED));
		long evicted = System.nanoTime();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(subscribers(this.http)).isZero());
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(ServerSockets.established(this.port, this.stalled))
				.as("server sockets of evicted streams still ESTABLISHED")
				.isZero());
		report("%d stalled clients evicted, their server sockets closed %d ms after the evictions were counted",
				STALLED, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - evicted));
	}

	/**
	 * Past {@code health.stream.max-subscribers-per-client} (32 by default) a client's streams are refused with 503,
	 * {@code Retry-After} and a problem, while a client at another address still subscribes; the count is released
	 * with the streams.
	 */
	@Test
	void oneClientOpeningAHundredStreamsGetsThirtyTwoAndAnotherClientStillSubscribes() throws Exception {
		List<Socket> sockets = new ArrayList<>();
		try {
			int opened = 0;
			List<String> refusal = null;
			for (int i = 0; i < 100; i++) {
				Socket socket = RawStreamClient.from("127.0.0.1", this.port, CHANGES);
				sockets.add(socket);
				List<String> head = RawStreamClient.head(RawStreamClient.reader(socket));
				if (head.get(0).contains(" 200")) {
					opened++;
				}
				else if (refusal == null) {
					refusal = head;
				}
			}
			assertThat(opened).isEqualTo(32);
			assertThat(refusal).isNotNull();
			assertThat(refusal.get(0)).contains(" 503");
			assertThat(refusal).anySatisfy((line) -> assertThat(line).startsWithIgnoringCase("Retry-After:"));
			assertThat(refusal)
				.anySatisfy((line) -> assertThat(line).containsIgnoringCase("application/problem+json"));
			try (Socket other = RawStreamClient.from("127.0.0.2", this.port, CHANGES)) {
				BufferedReader reader = RawStreamClient.reader(other);
				assertThat(RawStreamClient.head(reader).get(0)).contains(" 200");
				assertThat(firstFrameLine(reader)).startsWith("id: ");
			}
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(subscribers(this.http)).isZero());
		// the client's count was released with its streams
		try (Socket again = RawStreamClient.from("127.0.0.1", this.port, "/health/readiness/$stream")) {
			assertThat(RawStreamClient.head(RawStreamClient.reader(again)).get(0)).contains(" 200");
		}
	}

	/**
	 * The first frame of every stream carries {@code retry:} (the reconnect delay {@code EventSource} keeps): 3,000
	 * opens of polled and {@code mode=changes} streams, each from its own loopback address so that no per-client cap
	 * refuses one while the closed ones are being released.
	 */
	@Test
	void theFirstFrameOfEveryStreamCarriesTheRetryField() throws Exception {
		String[] paths = { "/health/readiness/$stream", "/health/readiness/$stream?mode=changes",
				"/health/liveness/$stream?poll_interval=0.1" };
		int opens = 3000;
		List<String> without = new ArrayList<>();
		List<String> ended = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < opens; i++) {
			String from = "127.1." + (i / 250) + "." + (i % 250 + 1);
			String stream = "#" + i + " " + paths[i % paths.length] + " from " + from;
			long opened = System.nanoTime();
			try (Socket socket = RawStreamClient.from(from, this.port, paths[i % paths.length])) {
				BufferedReader reader = RawStreamClient.reader(socket);
				List<String> head = RawStreamClient.head(reader);
				assertThat(head.get(0)).as(stream).contains(" 200");
				List<String> lines = firstFrame(reader);
				if (lines.isEmpty() || !lines.get(lines.size() - 1).startsWith("data:")) {
					ended.add(stream + ", ended " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened)
							+ " ms after its connect, " + TimeUnit.NANOSECONDS.toMillis(opened - start)
							+ " ms into the loop: " + head + " then " + lines);
				}
				else if (lines.stream().noneMatch((line) -> line.startsWith("retry: "))) {
					without.add(stream);
				}
			}
		}
		report("%d streams opened in %d ms, %d first frames without retry, %d ended before a first frame%s", opens,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), without.size(), ended.size(),
				ended.isEmpty() ? "" : ": " + ended);
		assertThat(without).as("streams whose first frame had no retry: field").isEmpty();
		// Twice in CI, under load, one stream of the 3,000 ended after its status line without a frame: the first time
		// cut by the 2 s first-write abort (since removed), the second most likely completed by a closed stream's end
		// racing Tomcat's recycling of its processor (since left to Tomcat: TomcatStreamFinishTests). Until CI runs
		// confirm that, one such stream is reported above and tolerated; more is a regression.
		assertThat(ended).as("streams that ended before their first frame's data line").hasSizeLessThanOrEqualTo(1);
		await().atMost(Duration.ofSeconds(20)).until(() -> subscribers(this.http) == 0.0);
	}

	@Test
	void openStreamsGetALastUnhealthyFrameAndEndWhenTheApplicationStops(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext context = start(List.of("server.shutdown=graceful",
				"health.checks.bulky.enabled=false", "health.show-details=always"));
		HttpTestClient client = new HttpTestClient(port(context));
		int logStart = output.length();
		try (SseStream readiness = client.stream("/health/readiness/$stream?poll_interval=5");
				SseStream liveness = client.stream("/health/liveness/$stream?poll_interval=5")) {
			assertThat(readiness.next().data().get("status").asString()).isEqualTo("healthy");
			assertThat(liveness.next().data().get("status").asString()).isEqualTo("healthy");
			CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
			for (SseStream stream : new SseStream[] { readiness, liveness }) {
				JsonNode last = lastData(stream);
				assertThat(last.get("status").asString()).isEqualTo("unhealthy");
				JsonNode readinessState = last.get("checks").get("readinessState");
				assertThat(readinessState.get("state").asString()).isEqualTo("unhealthy");
				assertThat(readinessState.get("message").asString()).startsWith("REFUSING_TRAFFIC");
			}
			closing.get(30, TimeUnit.SECONDS);
		}
		finally {
			context.close();
		}
		assertThat(output.toString().substring(logStart)).doesNotContain(" ERROR ").doesNotContain("Exception");
	}

	/**
	 * A client that reads, if slowly, gets its whole last frame at shutdown and the end of its response. On Netty a
	 * stream was aborted as soon as its subscription ended, while its completed response was still sending the last
	 * frame, which cut the frame (once in 9 runs of the test above; in most runs with this client).
	 */
	@Test
	void aClientThatReadsSlowlyGetsItsWholeLastFrameAtShutdown(CapturedOutput output) throws Exception {
		List<String> properties = new ArrayList<>(BULKY);
		properties.add("server.shutdown=graceful");
		ConfigurableApplicationContext context = start(properties);
		try (Socket socket = RawStreamClient.withReceiveBuffer(8192, port(context),
				"/health/bulky/$stream?poll_interval=60")) {
			socket.setSoTimeout(10_000);
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(slowly(socket.getInputStream()), StandardCharsets.UTF_8));
			boolean chunked = RawStreamClient.head(reader)
				.stream()
				.anyMatch((line) -> line.equalsIgnoreCase("Transfer-Encoding: chunked"));
			String line;
			while ((line = reader.readLine()) != null && !line.startsWith("data:")) {
				// up to the first frame's data
			}
			assertThat(line).as("the first frame's data line").isNotNull();
			CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
			String lastData = null;
			String lastLine = null;
			while ((line = reader.readLine()) != null) {
				lastData = line.startsWith("data: ") ? line : lastData;
				lastLine = line.isEmpty() ? lastLine : line;
			}
			closing.get(30, TimeUnit.SECONDS);
			assertThat(lastData).as("the last frame's data line").isNotNull().endsWith("}");
			assertThat(JsonMapper.shared().readTree(lastData.substring(6)).get("status").asString())
				.isEqualTo("unhealthy");
			if (chunked) {
				assertThat(lastLine).as("the response's last chunk").isEqualTo("0");
			}
		}
		finally {
			context.close();
		}
		assertThat(output.toString()).doesNotContain(" ERROR ");
	}

	/**
	 * Sixteen clients that stopped reading, their writes stalled, do not hold {@code context.close()}: one held it for
	 * 56 s on b0f11ed ({@code stop()} waited for the write lock of a writer blocked in {@code send}), and 4 held it for
	 * 33 s on Netty before issue 27 (completed, never closed); Kubernetes kills a pod at 30 s.
	 */
	@Test
	void clientsThatStoppedReadingDoNotHoldTheShutdown(CapturedOutput output) throws Exception {
		List<String> properties = new ArrayList<>(BULKY);
		properties.add("server.shutdown=graceful");
		ConfigurableApplicationContext context = start(properties);
		int contextPort = port(context);
		HealthStreamBroadcaster broadcaster = context.getBean(HealthStreamBroadcaster.class);
		try {
			for (int i = 0; i < STALLED; i++) {
				this.stalled.add(RawStreamClient.stalled(contextPort, BULKY_STREAM));
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> broadcaster.subscriberCount() == STALLED);
			// their buffers full: every frame to them now waits
			await().atMost(Duration.ofSeconds(20)).until(() -> ServerSockets.withUnsentBytes(contextPort) == STALLED);
			long start = System.nanoTime();
			context.close();
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			report("context.close() with %d stalled clients took %d ms", STALLED, took.toMillis());
			assertThat(took).as("context close with stalled clients").isLessThan(stalledClientsShutdownBound());
		}
		finally {
			context.close();
		}
		assertThat(output.toString()).doesNotContain(" ERROR ");
	}

	/**
	 * A stream whose client went away leaves no request behind: on Jetty, whose failed write does not complete the
	 * async request, such a stream held its request until its 30-minute lifetime and a graceful shutdown for its whole
	 * 30 s.
	 */
	@Test
	void aStreamWhoseClientLeftHoldsNoRequestAtShutdown(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext context = start(
				List.of("server.shutdown=graceful", "health.checks.bulky.enabled=false"));
		try {
			HttpTestClient client = new HttpTestClient(port(context));
			for (int i = 0; i < 4; i++) {
				try (SseStream stream = client.stream("/health/$stream?poll_interval=0.2")) {
					assertThat(stream.next().field("id")).isNotEmpty();
				}
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> subscribers(client) == 0.0);
			long start = System.nanoTime();
			context.close();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		}
		finally {
			context.close();
		}
		assertThat(output.toString()).doesNotContain(" ERROR ");
	}

	/**
	 * A loop of connect, {@code GET /health/$stream?mode=changes}, status line, close, for 10 s (and at least 200
	 * cycles) from 4 threads, against the application in its own JVM with {@code -Xmx256m}: fewer than 100 subscribers
	 * at any time, no subscriber and no server connection 3 s after the loop stops, {@code /health/liveness} within 1 s
	 * throughout, no {@code OutOfMemoryError}. On b0f11ed such a loop reached 4,568 subscribers in 11 s and a 512 MB
	 * JVM threw {@code OutOfMemoryError}.
	 */
	@Test
	void aConnectAndCloseLoopNeitherPilesUpSubscribersNorStopsTheProbes(@TempDir Path logs) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				StreamsApplication.class.getName(), "--server.port=0", "--health.checks.bulky.enabled=false",
				"--spring.main.banner-mode=off"));
		stack().forEach((property) -> command.add("--" + property));
		Path log = logs.resolve("app.log");
		Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			int appPort = startedOnPort(app, log);
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
				.until(() -> RawHttp.status(appPort, "/health/liveness") == 200);
			AtomicLong cycles = new AtomicLong();
			// 10 s, and on a machine too busy for 200 cycles in that time (Netty made 194 at a load of 22 on 2 cores,
			// each cycle waiting for its first frame) until 200 cycles, 60 s at most
			long loopStart = System.nanoTime();
			long tenSeconds = loopStart + TimeUnit.SECONDS.toNanos(10);
			long latest = loopStart + TimeUnit.SECONDS.toNanos(60);
			AtomicBoolean looping = new AtomicBoolean(true);
			ExecutorService loops = Executors.newFixedThreadPool(4);
			for (int i = 0; i < 4; i++) {
				loops.execute(() -> {
					while (looping.get()) {
						try (Socket socket = RawStreamClient.from("127.0.0.1", appPort,
								"/health/$stream?mode=changes")) {
							RawStreamClient.reader(socket).readLine();
							cycles.incrementAndGet();
						}
						catch (IOException ex) {
							// refused or reset: the loop goes on, as an attacker's would
						}
					}
				});
			}
			int maxSubscribers = 0;
			long slowestProbe = 0;
			List<String> probeFailures = new ArrayList<>();
			while (System.nanoTime() < tenSeconds || (cycles.get() <= 200 && System.nanoTime() < latest)) {
				long start = System.nanoTime();
				int status = RawHttp.status(appPort, "/health/liveness");
				long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
				slowestProbe = Math.max(slowestProbe, millis);
				if (status != 200 || millis >= 1000) {
					probeFailures.add(status + " after " + millis + " ms");
				}
				maxSubscribers = Math.max(maxSubscribers,
						(int) RawHttp.metric(appPort, "health_stream_subscribers", "{kind=\"client\"}"));
				Thread.sleep(100);
			}
			looping.set(false);
			long stopped = System.nanoTime();
			loops.shutdown();
			assertThat(loops.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
			await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
				assertThat(RawHttp.metric(appPort, "health_stream_subscribers", "{kind=\"client\"}")).as("subscribers")
					.isZero();
				assertThat(ServerSockets.established(appPort)).as("server connections").isZero();
			});
			report("%d connect-and-close cycles in %d ms, at most %d subscribers, slowest probe %d ms, "
					+ "none left %d ms after", cycles.get(), TimeUnit.NANOSECONDS.toMillis(stopped - loopStart),
					maxSubscribers, slowestProbe, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped));
			assertThat(cycles.get()).as("connect-and-close cycles").isGreaterThan(200);
			assertThat(maxSubscribers).as("most subscribers seen").isLessThan(100);
			assertThat(probeFailures).isEmpty();
			assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
		}
		finally {
			app.destroy();
			if (!app.waitFor(20, TimeUnit.SECONDS)) {
				app.destroyForcibly();
			}
		}
	}

	/**
	 * The port the application in its own JVM listens on, as its server logs it once started: a port picked before the
	 * start may be taken meanwhile by another process of a shared machine.
	 */
	private static int startedOnPort(Process app, Path log) {
		Pattern started = Pattern.compile("started on port (\\d+)");
		AtomicInteger port = new AtomicInteger();
		await().atMost(Duration.ofSeconds(120)).until(() -> {
			assertThat(app.isAlive()).as("the application's JVM is running").isTrue();
			Matcher matcher = started.matcher(Files.readString(log));
			if (matcher.find()) {
				port.set(Integer.parseInt(matcher.group(1)));
			}
			return port.get() != 0;
		});
		return port.get();
	}

	private ConfigurableApplicationContext start(List<String> more) {
		List<String> properties = new ArrayList<>(stack());
		properties.addAll(List.of("server.port=0", "spring.main.banner-mode=off"));
		properties.addAll(more);
		return new SpringApplicationBuilder(StreamsApplication.class, stackBeans())
			.properties(properties.toArray(String[]::new))
			.run();
	}

	/** Opens stalled streams on the shared server; the starter's threads do not grow with them. */
	private void stallClients(int count) throws IOException {
		long threadsBefore = streamThreads();
		for (int i = 0; i < count; i++) {
			this.stalled.add(RawStreamClient.stalled(this.port, BULKY_STREAM));
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> subscribers(this.http) >= count);
		// at most the shared server's writers and its ticker more, whatever the stalled clients do
		assertThat(streamThreads()).isLessThanOrEqualTo(threadsBefore + WRITERS + 1);
	}

	private double evictions() {
		Double evictions = this.http.metric("health_stream_evictions_total", "{reason=\"slow\"}");
		return (evictions != null) ? evictions : 0;
	}

	private void report(String format, Object... args) {
		System.out.println("STALLED " + getClass().getSimpleName() + ": " + String.format(format, args));
	}

	/** No beans of a stack's own. */
	static class NoBeans {

	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static double subscribers(HttpTestClient client) {
		return client.streamSubscribers("client");
	}

	private static long streamThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("health-stream"))
			.count();
	}

	/**
	 * Reads the first line of the first frame. Reactor Netty sends chunks to an HTTP/1.0 client too, so a chunk's size
	 * line before it is skipped.
	 */
	private static String firstFrameLine(BufferedReader reader) throws IOException {
		String line = reader.readLine();
		return (line != null && line.matches("[0-9a-fA-F]+")) ? reader.readLine() : line;
	}

	/** Reads the first frame's lines, up to its {@code data:} line (cut to 40 characters) or the stream's end. */
	private static List<String> firstFrame(BufferedReader reader) throws IOException {
		List<String> lines = new ArrayList<>();
		String line;
		do {
			line = reader.readLine();
			if (line != null) {
				lines.add(line.substring(0, Math.min(line.length(), 40)));
			}
		}
		while (line != null && !line.startsWith("data:"));
		return lines;
	}

	/** Reads at most 8 KB every 5 ms (about 1.6 MB/s): a 256 KB frame takes about 160 ms. */
	private static InputStream slowly(InputStream in) {
		return new FilterInputStream(in) {

			@Override
			public int read(byte[] bytes, int offset, int length) throws IOException {
				try {
					Thread.sleep(5);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IOException(ex);
				}
				return super.read(bytes, offset, Math.min(length, 8192));
			}

		};
	}

	private static void readDataFrames(Socket socket, List<Long> frameTimes) {
		try {
			BufferedReader reader = RawStreamClient.reader(socket);
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith("data:")) {
					frameTimes.add(System.nanoTime());
				}
			}
		}
		catch (IOException ex) {
			// closed by the test
		}
	}

	/** Reads until the server ends the stream; returns the last data frame. */
	private static JsonNode lastData(SseStream stream) throws Exception {
		JsonNode last = null;
		Frame frame;
		while ((frame = stream.next()) != null) {
			if (!frame.isComment()) {
				last = frame.data();
			}
		}
		assertThat(last).isNotNull();
		return last;
	}

}
