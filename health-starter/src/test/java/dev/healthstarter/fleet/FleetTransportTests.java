package dev.healthstarter.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.healthstarter.HealthState;
import dev.healthstarter.core.HealthSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every link uses the fleet's one scheme: a member that a membership source lists with the other scheme is never
 * connected to (so never reached in clear text when the links use TLS), stays unknown, and is logged once.
 */
@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class FleetTransportTests {

	@Test
	void overHttpsAMemberListedInClearTextIsNeverConnectedTo(CapturedOutput output) throws IOException {
		assertNeverConnected(FleetTransport.https(), "http", output);
	}

	@Test
	void inClearTextAMemberListedOverHttpsIsNeverConnectedTo(CapturedOutput output) throws IOException {
		assertNeverConnected(FleetTransport.http(), "https", output);
	}

	private static void assertNeverConnected(FleetTransport transport, String memberScheme, CapturedOutput output)
			throws IOException {
		try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			AtomicInteger connections = new AtomicInteger();
			Thread acceptor = new Thread(() -> {
				while (true) {
					try (Socket connection = listener.accept()) {
						connections.incrementAndGet();
					}
					catch (IOException ex) {
						return;
					}
				}
			}, "listener");
			acceptor.setDaemon(true);
			acceptor.start();
			String key = "127.0.0.1:" + listener.getLocalPort();
			Fleet fleet = new Fleet(() -> new HealthSnapshot(HealthState.HEALTHY, Map.of(), Set.of()), 0.5,
					Clock.systemUTC());
			FleetWatcher watcher = new FleetWatcher(fleet,
					FleetMembership.peers(List.of(URI.create(memberScheme + "://" + key))),
					new FleetWatcher.Settings(32, Duration.ofMillis(200), Duration.ofMillis(500), null, "/health"),
					JsonMapper.builder().build(), transport);
			watcher.listening(null, 65000);
			watcher.start();
			try {
				await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output)
					.contains("Fleet members [" + key + "] are not watched, and stay unknown: the links use "
							+ transport.scheme()));
				await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
					assertThat(fleet.snapshot().instances().get(key).unknown()).isTrue();
					assertThat(connections).hasValue(0);
				});
				// the membership is read every 200 ms: logged once, as it did not change
				assertThat(output.toString().split("Fleet members \\[", -1)).hasSize(2);
			}
			finally {
				watcher.stop();
			}
		}
	}

}
