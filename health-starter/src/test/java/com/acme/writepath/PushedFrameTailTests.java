package com.acme.writepath;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

import com.acme.testing.HttpTestClient;
import com.acme.testing.RawStreamClient;
import com.acme.testing.SwitchableCheck;
import dev.healthstarter.HealthCheckResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * A {@code mode=changes} frame pushed while the client is briefly behind reaches the client as soon as it reads
 * again, not at the next heartbeat: when the frame is larger than what the socket takes at once, the container's
 * stream is not ready after the write, the flush is skipped, and what is left in the response buffer must be sent
 * once the container calls {@code onWritePossible}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "health.checks.bulky.groups=bulky", "health.max-details-size=1MB", "health.show-details=always",
				"health.stream.heartbeat=60s", "health.stream.write-timeout=60s" })
@Timeout(90)
class PushedFrameTailTests {

	@LocalServerPort
	private int port;

	@Autowired
	private SwitchableCheck bulkyHealthCheck;

	@Test
	void aPushedFrameArrivesWholeOnceTheClientReadsAgain() throws Exception {
		HttpTestClient http = new HttpTestClient(this.port);
		try (Socket socket = new Socket()) {
			socket.setReceiveBufferSize(4096);
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			socket.setSoTimeout(20_000);
			RawStreamClient.request(socket, "/health/bulky/$stream?mode=changes");
			BufferedReader reader = RawStreamClient.reader(socket);
			assertThat(RawStreamClient.head(reader).get(0)).contains("200");
			assertThat(nextData(reader)).contains("\"status\":\"healthy\"");
			// the two early heartbeats (0.5 s apart); the next one is 60 s away
			skipUntil(reader, ":heartbeat");
			skipUntil(reader, ":heartbeat");
			// the client does not read while the change is pushed
			this.bulkyHealthCheck.set(HealthCheckResult.degraded("switched").withDetail("payload", WritePathApplication.PAYLOAD));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> http.get("/health/bulky").body().contains("switched"));
			// then reads on: the whole frame is there within seconds
			socket.setSoTimeout(10_000);
			long start = System.nanoTime();
			try {
				String data = nextData(reader);
				assertThat(data).contains("switched");
			}
			catch (SocketTimeoutException ex) {
				fail("the pushed frame's end did not arrive within %d ms although the client kept reading",
						Duration.ofNanos(System.nanoTime() - start).toMillis());
			}
		}
	}

	/** The data line of the next data frame, once its terminating blank line has arrived. */
	private static String nextData(BufferedReader reader) throws IOException {
		String data = null;
		String line;
		while ((line = reader.readLine()) != null) {
			if (line.startsWith("data: ")) {
				data = line;
			}
			else if (line.isEmpty() && data != null) {
				return data;
			}
		}
		throw new IOException("stream ended");
	}

	private static void skipUntil(BufferedReader reader, String prefix) throws IOException {
		String line;
		while ((line = reader.readLine()) != null) {
			if (line.startsWith(prefix)) {
				return;
			}
		}
		throw new IOException("stream ended");
	}

}
