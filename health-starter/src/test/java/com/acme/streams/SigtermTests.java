package com.acme.streams;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.acme.testing.ForkedApplication;
import com.acme.testing.RawStreamClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM, as the kubelet sends it when a pod is deleted, ends the JVM promptly on Tomcat and on Reactor Netty,
 * with {@code server.shutdown=graceful} (Boot's default): WebFlux within 1.5 s when idle, both within 3 s beside
 * 16 stalled stream clients (clients that stopped reading, whose unsent frames fill the socket buffers). Before, a WebFlux
 * application took 2.4 s when idle, 2 s of it Reactor Netty's shutdown quiet period.
 */
@Timeout(300)
class SigtermTests {

	private static final String STREAM = "/health/bulky/$stream?poll_interval=0.1";

	@TempDir
	private Path logs;

	/**
	 * Reactive only: 1.5 s is the bound a WebFlux user asked for, where Reactor Netty's quiet period made it 2.4 s.
	 * Tomcat has no such wait (0.55 s measured); its exit is bounded by the test with stalled clients.
	 */
	@Test
	void anIdleWebFluxApplicationExitsWithinOneAndAHalfSeconds() throws Exception {
		try (ForkedApplication app = start("reactive")) {
			Duration exit = app.terminate();
			System.out.printf("SIGTERM to exit on reactive, idle: %d ms%n", exit.toMillis());
			assertThat(exit).as("SIGTERM to exit on reactive, log:%n%s", app.log())
				.isLessThanOrEqualTo(Duration.ofMillis(1500));
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "servlet", "reactive" })
	void sixteenStalledClientsDelayTheExitByNoMoreThanThreeSeconds(String type) throws Exception {
		List<Socket> stalled = new ArrayList<>();
		try (ForkedApplication app = start(type)) {
			for (int i = 0; i < 16; i++) {
				stalled.add(RawStreamClient.stalled(app.port(), STREAM));
			}
			Thread.sleep(2000);
			Duration exit = app.terminate();
			System.out.printf("SIGTERM to exit on %s, 16 stalled clients: %d ms%n", type, exit.toMillis());
			assertThat(exit).as("SIGTERM to exit on %s with 16 stalled clients, log:%n%s", type, app.log())
				.isLessThanOrEqualTo(Duration.ofSeconds(3));
		}
		finally {
			for (Socket socket : stalled) {
				close(socket);
			}
		}
	}

	private ForkedApplication start(String type) throws IOException {
		List<String> args = new ArrayList<>(List.of("--spring.main.web-application-type=" + type,
				"--health.checks.bulky.groups=bulky", "--health.max-details-size=1MB", "--health.show-details=always",
				"--server.shutdown=graceful"));
		if (type.equals("reactive")) {
			args.add("--" + StreamsApplication.NETTY);
		}
		return ForkedApplication.start(StreamsApplication.class, this.logs.resolve(type + ".log"),
				args.toArray(String[]::new));
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// the test's outcome is decided
		}
	}

}
