package com.acme.streams;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.acme.testing.HttpTestClient;
import com.acme.testing.RawStreamClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An anonymous client that opens {@code mode=changes} streams and closes them at once, in a loop, cannot exhaust
 * the heap: against the application in its own JVM with {@code -Xmx256m}, the subscriber count stays below 100 for
 * 10 s and {@code /health/liveness} answers throughout. On b0f11ed such a loop reached 4,568 subscribers in 11 s
 * and the JVM (512 MB) threw {@code OutOfMemoryError}.
 */
@Timeout(120)
class ConnectAndCloseLoopTests {

	@TempDir
	private Path logs;

	@Test
	void aConnectAndCloseLoopNeitherPilesUpSubscribersNorStopsTheProbes() throws Exception {
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		Path log = this.logs.resolve("app.log");
		Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
				"-cp", System.getProperty("java.class.path"), StreamsApplication.class.getName(), "--server.port=" + port,
				"--health.checks.bulky.enabled=false", "--spring.main.banner-mode=off")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			HttpTestClient http = new HttpTestClient(port);
			await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
				.until(() -> http.get("/health/liveness").statusCode() == 200);
			AtomicLong cycles = new AtomicLong();
			long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			ExecutorService loops = Executors.newFixedThreadPool(4);
			for (int i = 0; i < 4; i++) {
				loops.execute(() -> {
					while (System.nanoTime() < end) {
						try (Socket socket = RawStreamClient.from("127.0.0.1", port, "/health/$stream?mode=changes")) {
							RawStreamClient.reader(socket).readLine();
							cycles.incrementAndGet();
						}
						catch (IOException ex) {
							// refused or reset: the loop goes on, as an attacker's would
						}
					}
				});
			}
			AtomicInteger maxSubscribers = new AtomicInteger();
			List<String> probeFailures = new CopyOnWriteArrayList<>();
			while (System.nanoTime() < end) {
				long start = System.nanoTime();
				int status = http.get("/health/liveness").statusCode();
				long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
				if (status != 200 || millis > 2000) {
					probeFailures.add(status + " after " + millis + " ms");
				}
				maxSubscribers.accumulateAndGet(http.streamSubscribers("client").intValue(), Math::max);
				Thread.sleep(100);
			}
			loops.shutdown();
			assertThat(loops.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
			assertThat(cycles.get()).as("connect-and-close cycles").isGreaterThan(200);
			assertThat(maxSubscribers.get()).as("most subscribers seen").isLessThan(100);
			assertThat(probeFailures).isEmpty();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> http.streamSubscribers("client") == 0.0);
			assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
		}
		finally {
			app.destroy();
			if (!app.waitFor(20, TimeUnit.SECONDS)) {
				app.destroyForcibly();
			}
		}
	}

}
