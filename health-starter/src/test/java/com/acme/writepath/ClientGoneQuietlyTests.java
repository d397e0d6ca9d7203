package com.acme.writepath;

import java.io.BufferedReader;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.acme.testing.HttpTestClient;
import com.acme.testing.RawStreamClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that go away in every way a client can (before the response, after the first frame, with a reset, while
 * a frame waits for them, after being evicted), a {@code HEAD} and a refused stream: every subscriber is released,
 * and nothing is logged at ERROR and no stack trace is printed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "health.checks.bulky.groups=bulky", "health.max-details-size=1MB", "health.show-details=always",
				"health.stream.heartbeat=60s", "health.stream.write-timeout=3s",
				"health.stream.max-subscribers-per-client=8" })
@ExtendWith(OutputCaptureExtension.class)
@Timeout(120)
class ClientGoneQuietlyTests {

	@LocalServerPort
	private int port;

	@Test
	void clientsThatGoAwayAreReleasedWithoutErrorLogs(CapturedOutput output) throws Exception {
		HttpTestClient http = new HttpTestClient(this.port);
		for (int i = 0; i < 4; i++) {
			// before anything was written
			try (Socket socket = RawStreamClient.from("127.0.0.1", this.port, "/health/$stream?mode=changes")) {
				socket.setSoLinger(true, 0);
			}
			// after the first frame, politely and with a reset
			for (boolean reset : new boolean[] { false, true }) {
				try (Socket socket = RawStreamClient.from("127.0.0.1", this.port, "/health/bulky/$stream?poll_interval=0.1")) {
					BufferedReader reader = RawStreamClient.reader(socket);
					RawStreamClient.head(reader);
					reader.readLine();
					if (reset) {
						socket.setSoLinger(true, 0);
					}
				}
			}
		}
		// stalled with frames waiting; two reset before the write timeout, two are evicted first
		List<Socket> stalled = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			stalled.add(RawStreamClient.stalled(this.port, "/health/bulky/$stream?poll_interval=0.1"));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> http.streamSubscribers("client") >= 4);
		Thread.sleep(1000);
		for (Socket socket : stalled.subList(0, 2)) {
			socket.setSoLinger(true, 0);
			socket.close();
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> http.metric("health_stream_evictions_total", "{reason=\"slow\"}") >= 2);
		for (Socket socket : stalled.subList(2, 4)) {
			socket.setSoLinger(true, 0);
			socket.close();
		}
		// HEAD opens nothing; the ninth stream of one client is refused
		assertThat(http.send("HEAD", "/health/$stream").statusCode()).isEqualTo(200);
		List<Socket> open = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			Socket socket = RawStreamClient.from("127.0.0.1", this.port, "/health/$stream?mode=changes");
			RawStreamClient.head(RawStreamClient.reader(socket));
			open.add(socket);
		}
		assertThat(http.get("/health/$stream").statusCode()).isEqualTo(503);
		for (Socket socket : open) {
			socket.close();
		}
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(http.streamSubscribers("client")).isZero());
		assertThat(output.getAll()).as("the server's log is captured").contains("Health check 'bulky' is healthy");
		List<String> problems = output.getAll()
			.lines()
			.filter((line) -> line.contains(" ERROR ") || line.startsWith("\tat ") || line.contains("Exception"))
			.toList();
		output.getAll().lines().filter((line) -> line.contains(" WARN ")).forEach(System.err::println);
		assertThat(problems).isEmpty();
	}

}
