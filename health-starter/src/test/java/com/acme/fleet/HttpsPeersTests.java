package com.acme.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.healthstarter.HealthCheckResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replicas on 127.0.0.1 that serve HTTPS only (Boot's {@code server.ssl.bundle}, asking clients for a certificate of
 * the test CA) and link over it with one SSL bundle and the fleet token ({@code health.fleet.scheme=https},
 * {@code health.fleet.ssl.bundle}): every member is linked and a change crosses; a member whose certificate the bundle
 * does not trust, or whose certificate names another host, is unknown and logged in words; and no link speaks clear
 * text, as a listener that records the first bytes of every connection shows.
 */
@Timeout(120)
@ExtendWith(OutputCaptureExtension.class)
class HttpsPeersTests {

	/**
	 * How long a replica may take to see one started after it: its link reconnects after a backoff of up to 2 s
	 * (+20 %), then makes a TLS handshake with each side's certificate checked, slow on a busy machine.
	 */
	private static final Duration LINKED = Duration.ofSeconds(10);

	private Replicas replicas;

	@AfterEach
	void stop() {
		this.replicas.close();
	}

	@Test
	void everyMemberIsLinkedOverTlsWithTheBundleAndTheToken() {
		this.replicas = new Replicas(3, "health.fleet.token=s3cret").overHttps().startAll();
		this.replicas.awaitSeenHealthyBy(LINKED, 0, 1, 2);
		this.replicas.database(1, HealthCheckResult.unhealthy("connection refused"));
		String second = this.replicas.key(1);
		await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
			for (int seer : new int[] { 0, 2 }) {
				assertThat(this.replicas.fleet(seer).path("instances").path(second).path("checks").path("database")
					.asString()).isEqualTo("unhealthy");
			}
		});
	}

	@Test
	void aMemberWhoseCertificateTheBundleDoesNotTrustIsUnknown(CapturedOutput output) {
		this.replicas = new Replicas(3, "health.fleet.token=s3cret").overHttps();
		// first, so that what the others log of it (once, until it answers) is its certificate
		this.replicas.start(2, Replicas.serving("rogue", "rogue.p12"));
		this.replicas.start(0);
		this.replicas.start(1);
		String rogue = this.replicas.key(2);
		await().atMost(LINKED).untilAsserted(() -> {
			for (int seer = 0; seer < 2; seer++) {
				assertThat(this.replicas.states(seer)).containsEntry(rogue, "unknown")
					.containsEntry(this.replicas.key(0), "healthy")
					.containsEntry(this.replicas.key(1), "healthy");
			}
			assertThat(output).contains("Fleet peer " + rogue + " presented a certificate that this instance does not "
					+ "trust");
		});
		// whatever it sends, it is never heard
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(this.replicas.states(0)).containsEntry(rogue, "unknown"));
	}

	@Test
	void aMemberWhoseCertificateNamesAnotherHostIsUnknownAndNoLinkSpeaksClearText(CapturedOutput output)
			throws IOException {
		try (FirstBytes listener = new FirstBytes()) {
			String listed = "127.0.0.1:" + listener.port();
			this.replicas = new Replicas(2).overHttps().alsoListing("https://" + listed);
			this.replicas.start(1, Replicas.serving("misnamed", "misnamed.p12"));
			this.replicas.start(0);
			String misnamed = this.replicas.key(1);
			await().atMost(LINKED).untilAsserted(() -> {
				assertThat(this.replicas.states(0)).containsEntry(this.replicas.key(0), "healthy")
					.containsEntry(misnamed, "unknown")
					.containsEntry(listed, "unknown");
				assertThat(output).contains("Fleet peer " + misnamed + " presented a certificate that does not name "
						+ "the address it is reached at");
				// the first attempts and a reconnect of each replica
				assertThat(listener.received()).hasSizeGreaterThanOrEqualTo(4);
			});
			// a TLS record of type handshake (22), version 3.x (RFC 8446 section 5.1), never "GET /" or any clear text
			assertThat(listener.received()).allSatisfy((first) -> assertThat(first).startsWith((byte) 22, (byte) 3));
		}
	}

	/**
	 * A listener on 127.0.0.1 that keeps the first two bytes each connection sends, then closes it. Thread-safe.
	 */
	private static final class FirstBytes implements AutoCloseable {

		private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

		private final List<byte[]> received = new CopyOnWriteArrayList<>();

		private final Thread acceptor = new Thread(this::accept, "first-bytes");

		FirstBytes() throws IOException {
			this.acceptor.setDaemon(true);
			this.acceptor.start();
		}

		int port() {
			return this.socket.getLocalPort();
		}

		List<byte[]> received() {
			return this.received;
		}

		private void accept() {
			while (!this.socket.isClosed()) {
				try (Socket connection = this.socket.accept()) {
					connection.setSoTimeout(5000);
					InputStream in = connection.getInputStream();
					byte[] first = in.readNBytes(2);
					if (first.length > 0) {
						this.received.add(Arrays.copyOf(first, first.length));
					}
				}
				catch (IOException ex) {
					// closed, or a client that sent nothing in time
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
