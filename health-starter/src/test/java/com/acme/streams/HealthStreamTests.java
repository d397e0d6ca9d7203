package com.acme.streams;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.acme.testing.HttpTestClient;
import com.acme.testing.HttpTestClient.Frame;
import com.acme.testing.HttpTestClient.SseStream;
import com.acme.testing.StarterThreads;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "health.cache-ttl=1s", "health.stream.heartbeat=300ms", "health.checks.bulky.groups=bulky",
				"health.max-details-size=1MB", "health.show-details=always",
				"health.stream.max-subscribers-per-client=1000" })
@Timeout(120)
class HealthStreamTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@LocalServerPort
	private int port;

	@Autowired
	private AtomicInteger ledgerCalls;

	private HttpTestClient http;

	@BeforeEach
	void connect() {
		this.http = new HttpTestClient(this.port);
		awaitNoSubscribers();
	}

	@Test
	void twoHundredSubscribersCostAtMostOneCheckCallPerCacheWindow() throws Exception {
		int subscribers = 200;
		ExecutorService readers = Executors.newFixedThreadPool(subscribers);
		List<SseStream> streams = new ArrayList<>();
		try {
			for (int i = 0; i < subscribers; i++) {
				streams.add(this.http.stream("/health/readiness/$stream?poll_interval=0.1"));
			}
			await().atMost(WAIT).until(() -> this.http.streamSubscribers("client") == subscribers);
			int callsBefore = this.ledgerCalls.get();
			long start = System.nanoTime();
			List<Future<Integer>> received = new ArrayList<>();
			for (SseStream stream : streams) {
				received.add(readers.submit(() -> readDataFrames(stream, Duration.ofSeconds(3))));
			}
			for (Future<Integer> frames : received) {
				assertThat(frames.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(10);
			}
			double windows = (System.nanoTime() - start) / 1e9;
			assertThat(this.ledgerCalls.get() - callsBefore).isLessThanOrEqualTo((int) Math.ceil(windows) + 1);
		}
		finally {
			readers.shutdownNow();
			for (SseStream stream : streams) {
				stream.close();
			}
		}
		awaitNoSubscribers();
	}

	@Test
	void stuckReaderNeitherDelaysOthersNorReceivesABacklog() throws Exception {
		try (Socket stuck = new Socket()) {
			stuck.setReceiveBufferSize(2048);
			stuck.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			OutputStream request = stuck.getOutputStream();
			request.write(("GET /health/bulky/$stream?poll_interval=0.1 HTTP/1.0\r\nHost: 127.0.0.1\r\n"
					+ "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			request.flush();
			List<Long> gapsMillis = new ArrayList<>();
			Instant stallStart = Instant.now();
			try (SseStream live = this.http.stream("/health/bulky/$stream?poll_interval=0.1")) {
				long last = System.nanoTime();
				long end = last + TimeUnit.SECONDS.toNanos(8);
				while (System.nanoTime() < end) {
					Frame frame = live.next();
					if (!frame.isComment()) {
						long now = System.nanoTime();
						gapsMillis.add(TimeUnit.NANOSECONDS.toMillis(now - last));
						last = now;
					}
				}
			}
			assertThat(gapsMillis).hasSizeGreaterThanOrEqualTo(40);
			assertThat(gapsMillis).allSatisfy((gap) -> assertThat(gap).isLessThan(1000));
			Instant resumed = Instant.now();
			int staleFrames = readUntilFreshFrame(stuck, resumed);
			// 8 s at 0.1 s generated about 80 frames; socket buffers hold about 17 of 256 KB. With a queued
			// backlog the reader would see them all before a fresh one.
			assertThat(staleFrames).as("frames older than the resume, stall began %s", stallStart).isLessThan(40);
		}
		awaitNoSubscribers();
	}

	@Test
	void thousandConnectDisconnectCyclesLeaveNoSubscriberAndNoThread() throws Exception {
		connectAndDisconnect(100);
		awaitNoSubscribers();
		int starterThreadsWarm = StarterThreads.count();
		List<String> warmNames = StarterThreads.names();
		connectAndDisconnect(1000);
		awaitNoSubscribers();
		// The starter's own threads (check runners, stream writers, ticker) do not grow with the connections: only
		// the writer pool may add threads, on demand and up to health.stream.max-writer-threads (8), which a slow run
		// reaches where a quick warm-up did not. A leak per connection would show as hundreds. Tomcat's worker pool
		// and other cached test contexts own threads of their own, so the JVM's total thread count says nothing here.
		assertThat(StarterThreads.count()).as("starter threads %s, warm %s", StarterThreads.names(), warmNames)
			.isLessThanOrEqualTo(starterThreadsWarm + 8);
	}

	private void connectAndDisconnect(int cycles) throws IOException {
		for (int i = 0; i < cycles; i++) {
			try (SseStream stream = this.http.stream("/health/liveness/$stream?poll_interval=3600")) {
				assertThat(stream.next().field("data")).isNotNull();
			}
		}
	}

	private int readDataFrames(SseStream stream, Duration duration) throws IOException {
		int frames = 0;
		long end = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < end) {
			if (!stream.next().isComment()) {
				frames++;
			}
		}
		return frames;
	}

	/** Reads SSE frames from a raw socket until one was checked after {@code resumed}; returns the older ones. */
	private int readUntilFreshFrame(Socket socket, Instant resumed) throws IOException {
		socket.setSoTimeout(20_000);
		BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
		int stale = 0;
		String line;
		while ((line = reader.readLine()) != null) {
			if (line.startsWith("data:")) {
				JsonNode bulky = JsonMapper.shared().readTree(line.substring(5)).get("checks").get("bulky");
				if (Instant.parse(bulky.get("checkedAt").asString()).isAfter(resumed)) {
					return stale;
				}
				stale++;
			}
		}
		throw new IllegalStateException("stream ended after " + stale + " stale frames");
	}

	private void awaitNoSubscribers() {
		await().atMost(WAIT).until(() -> this.http.streamSubscribers("client") == 0.0);
	}

}
