package com.acme.streams;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.acme.testing.HttpTestClient;
import com.acme.testing.RawStreamClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that stop reading (uptime monitors, a laptop's dashboard asleep, a proxy with full buffers) cost only
 * themselves: twice as many as there are writer threads, each with a 2 KB receive buffer and 256 KB frames every
 * 0.1 s, neither delay a healthy subscriber nor the probes, the starter's threads do not grow with them, and after
 * the write timeout they are closed and counted as evictions. On b0f11ed a healthy subscriber's first frame came
 * after about 56 s once 8 clients had stalled.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "health.checks.bulky.groups=bulky", "health.max-details-size=1MB", "health.show-details=always",
				"health.stream.max-writer-threads=8", "health.stream.write-timeout=4s",
				"health.stream.max-subscribers-per-client=1000" })
@Timeout(120)
class StalledClientsTests {

	private static final int STALLED = 16;

	@LocalServerPort
	private int port;

	private final List<Socket> stalled = new ArrayList<>();

	private HttpTestClient http;

	@BeforeEach
	void stallClients() throws Exception {
		this.http = new HttpTestClient(this.port);
		long threadsBefore = streamThreads();
		for (int i = 0; i < STALLED; i++) {
			this.stalled.add(RawStreamClient.stalled(this.port, "/health/bulky/$stream?poll_interval=0.1"));
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.http.streamSubscribers("client") >= STALLED);
		// at most this context's writers (8) and its ticker more, whatever the stalled clients do (other cached test
		// contexts own stream threads of their own)
		assertThat(streamThreads()).isLessThanOrEqualTo(threadsBefore + 8 + 1);
	}

	@AfterEach
	void closeClients() throws IOException {
		for (Socket socket : this.stalled) {
			socket.close();
		}
	}

	@Test
	void aHealthySubscriberGetsItsFramesOnTimeAndProbesStayFast() throws Exception {
		List<Long> frameTimes = new CopyOnWriteArrayList<>();
		long start = System.nanoTime();
		try (Socket healthy = RawStreamClient.from("127.0.0.1", this.port, "/health/liveness/$stream?poll_interval=0.1")) {
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
			assertThat(TimeUnit.NANOSECONDS.toMillis(frameTimes.get(0) - start)).as("first frame, ms").isLessThan(1000);
			// 10 s at 0.1 s is about 100 frames; on time means at most 200 ms after the one before
			long onTime = 0;
			for (int i = 1; i < frameTimes.size(); i++) {
				onTime += (frameTimes.get(i) - frameTimes.get(i - 1) <= TimeUnit.MILLISECONDS.toNanos(200)) ? 1 : 0;
			}
			assertThat(onTime).as("frames on time of %s", frameTimes.size()).isGreaterThanOrEqualTo(80);
			assertThat(probeMillis).as("slowest readiness probe, ms").isLessThan(1000);
		}
	}

	@Test
	void stalledClientsAreClosedAndCountedAfterTheWriteTimeout() {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.http.metric("health_stream_evictions_total", "{reason=\"slow\"}"))
				.isGreaterThanOrEqualTo(STALLED));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.http.streamSubscribers("client")).isZero());
	}

	private static long streamThreads() {
		return Thread.getAllStackTraces().keySet().stream().filter((t) -> t.getName().startsWith("health-stream")).count();
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

}
