package com.acme.fleet;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import dev.healthstarter.HealthState;
import dev.healthstarter.core.HealthSnapshot;
import dev.healthstarter.fleet.Fleet;
import dev.healthstarter.fleet.FleetWatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watcher against fake peers on 127.0.0.1: a link lives exactly as long as its peer is watched.
 */
@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class FleetWatcherTests {

	private static final int OWN_PORT = 1;

	private final URI self = URI.create("http://127.0.0.1:" + OWN_PORT);

	private final AtomicReference<List<URI>> members = new AtomicReference<>();

	private final Fleet fleet = new Fleet(() -> new HealthSnapshot(HealthState.HEALTHY, Map.of(), Set.of()), 0.5,
			Clock.systemUTC());

	private final FleetWatcher watcher = new FleetWatcher(this.fleet, (port) -> this.members.get(),
			new FleetWatcher.Settings(32, Duration.ofMillis(100), Duration.ofMillis(500), null, "/health"),
			JsonMapper.builder().build());

	private FakePeer first;

	private FakePeer second;

	@AfterEach
	void stop() throws Exception {
		this.watcher.stop();
		if (this.first != null) {
			this.first.close();
		}
		if (this.second != null) {
			this.second.close();
		}
	}

	@Test
	void aPeerLeavingTheMembershipHasItsLinkClosed() throws Exception {
		this.first = new FakePeer();
		this.second = new FakePeer();
		this.members.set(List.of(this.self, this.first.uri(), this.second.uri()));
		this.watcher.start();
		this.watcher.listening(InetAddress.getLoopbackAddress(), OWN_PORT);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.fleet.snapshot().instances()).hasEntrySatisfying(this.second.key(),
					(state) -> assertThat(state.status()).isEqualTo(HealthState.HEALTHY)));
		assertThat(this.second.open.get()).isEqualTo(1);
		this.members.set(List.of(this.self, this.first.uri()));
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.fleet.snapshot().instances()).doesNotContainKey(this.second.key()));
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.second.open.get()).isZero());
		int accepted = this.second.accepted.get();
		// no reconnects to a peer no longer watched
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(this.second.accepted.get()).isEqualTo(accepted));
		assertThat(this.first.open.get()).isEqualTo(1);
	}

	/** A peer answering 503 with a body that never ends is unknown and asked again, its body left unread. */
	@Test
	void aRefusalWhoseBodyNeverEndsIsUnknownAndRetried() throws Exception {
		this.first = new FakePeer();
		this.first.status = 503;
		this.members.set(List.of(this.self, this.first.uri()));
		this.watcher.start();
		this.watcher.listening(InetAddress.getLoopbackAddress(), OWN_PORT);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.first.accepted.get() >= 3);
		assertThat(this.fleet.snapshot().instances()).hasEntrySatisfying(this.first.key(),
				(state) -> assertThat(state.statusValue()).isEqualTo("unknown"));
		// each refusal's connection is closed, not left reading
		await().atMost(Duration.ofSeconds(5)).until(() -> this.first.open.get() <= 1);
	}

	@Test
	void stopClosesEveryLink() throws Exception {
		this.first = new FakePeer();
		this.second = new FakePeer();
		this.members.set(List.of(this.self, this.first.uri(), this.second.uri()));
		this.watcher.start();
		this.watcher.listening(InetAddress.getLoopbackAddress(), OWN_PORT);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.fleet.snapshot().instances().values())
			.allSatisfy((state) -> assertThat(state.status()).isEqualTo(HealthState.HEALTHY)));
		this.watcher.stop();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(this.first.open.get()).isZero();
			assertThat(this.second.open.get()).isZero();
		});
	}

	/**
	 * A context may be stopped and started again (Spring's test context cache pauses the contexts it keeps): the
	 * watcher then watches its peers again.
	 */
	@Test
	void aWatcherStartedAgainAfterAStopWatchesItsPeersAgain() throws Exception {
		this.first = new FakePeer();
		this.members.set(List.of(this.self, this.first.uri()));
		this.watcher.start();
		this.watcher.listening(InetAddress.getLoopbackAddress(), OWN_PORT);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.first.open.get() == 1);
		this.watcher.stop();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.first.open.get() == 0);
		this.watcher.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.first.open.get() == 1);
		assertThat(this.watcher.isRunning()).isTrue();
	}

	@Test
	void stopWhileALinkConnectsClosesIt() throws Exception {
		this.first = new FakePeer();
		this.second = new FakePeer();
		this.first.headersDelay = Duration.ofMillis(500);
		this.members.set(List.of(this.self, this.first.uri()));
		this.watcher.start();
		this.watcher.listening(InetAddress.getLoopbackAddress(), OWN_PORT);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.first.accepted.get() == 1);
		this.watcher.stop();
		// the headers arrive after stop; the connection must not stay open
		await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> assertThat(this.first.open.get()).isZero());
		assertThat(this.first.accepted.get()).isEqualTo(1);
	}

	@Test
	void aClosedLinkEndingLateLeavesThePeersNewLinkAlone() throws Exception {
		this.first = new FakePeer();
		this.second = new FakePeer();
		this.first.headersDelay = Duration.ofMillis(1500);
		this.members.set(List.of(this.self, this.first.uri()));
		this.watcher.start();
		this.watcher.listening(InetAddress.getLoopbackAddress(), OWN_PORT);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.first.accepted.get() == 1);
		// the peer leaves while its link waits for the response, then comes back at once with a new link
		this.members.set(List.of(this.self));
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.fleet.snapshot().instances()).doesNotContainKey(this.first.key()));
		this.first.headersDelay = Duration.ZERO;
		this.members.set(List.of(this.self, this.first.uri()));
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.fleet.snapshot().instances()).hasEntrySatisfying(this.first.key(),
					(state) -> assertThat(state.status()).isEqualTo(HealthState.HEALTHY)));
		// the old exchange's headers arrive, it is aborted as closed: the peer stays as its new link reports it
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
			.untilAsserted(() -> assertThat(this.fleet.snapshot().instances()).hasEntrySatisfying(this.first.key(),
					(state) -> assertThat(state.status()).isEqualTo(HealthState.HEALTHY)));
	}

	@Test
	void aSilentPeerIsUnknownAndItsLinkRestarted() throws Exception {
		this.first = new FakePeer();
		this.second = new FakePeer();
		this.first.heartbeats = false;
		this.members.set(List.of(this.self, this.first.uri()));
		this.watcher.start();
		this.watcher.listening(InetAddress.getLoopbackAddress(), OWN_PORT);
		// two heartbeats of 500 ms, then the next sweep
		await().atMost(Duration.ofSeconds(5)).until(() -> this.first.accepted.get() >= 3);
		assertThat(this.first.open.get()).isLessThanOrEqualTo(1);
		this.first.heartbeats = true;
		int accepted = this.first.accepted.get();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.fleet.snapshot().instances()).hasEntrySatisfying(this.first.key(),
					(state) -> assertThat(state.status()).isEqualTo(HealthState.HEALTHY)));
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
			assertThat(this.first.accepted.get()).isLessThanOrEqualTo(accepted + 1);
			assertThat(this.first.open.get()).isEqualTo(1);
		});
	}

	@Test
	void aThrowingListenerCostsTheLinkNothing() throws Exception {
		this.first = new FakePeer();
		this.second = new FakePeer();
		this.fleet.addListener(() -> {
			throw new IllegalStateException("a listener's bug");
		});
		this.members.set(List.of(this.self, this.first.uri()));
		this.watcher.start();
		this.watcher.listening(InetAddress.getLoopbackAddress(), OWN_PORT);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.first.accepted.get() >= 1);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
			assertThat(this.first.accepted.get()).isEqualTo(1);
			assertThat(this.fleet.snapshot().instances()).hasEntrySatisfying(this.first.key(),
					(state) -> assertThat(state.status()).isEqualTo(HealthState.HEALTHY));
		});
	}

	@Test
	void stopDuringASlowMembershipReadLeavesNoLinkBehind() throws Exception {
		this.first = new FakePeer();
		this.second = new FakePeer();
		java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
		FleetWatcher watcher = new FleetWatcher(this.fleet, (port) -> {
			reading.countDown();
			// a DNS lookup: not interruptible, slower than stop's wait for the fleet's thread
			long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
			while (System.nanoTime() < until) {
				Thread.onSpinWait();
			}
			return List.of(this.self, this.first.uri());
		}, new FleetWatcher.Settings(32, Duration.ofSeconds(30), Duration.ofMillis(500), null, "/health"),
				JsonMapper.builder().build());
		watcher.start();
		watcher.listening(InetAddress.getLoopbackAddress(), OWN_PORT);
		assertThat(reading.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		watcher.stop();
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(this.first.open.get()).isZero());
	}

	/**
	 * A peer that crashes mid-frame (half a chunk, then the connection closed) is logged in words, on one line: the
	 * JDK client's {@code IOException: chunked transfer encoding, state: READING_DATA} is not what the operator reads.
	 * (Each connection's first frame is whole, so the link works between two crashes and each crash is logged.)
	 */
	@Test
	void aPeerClosingTheConnectionMidFrameIsLoggedInWords(CapturedOutput output) throws Exception {
		this.first = new FakePeer();
		this.first.closeMidFrame = true;
		this.members.set(List.of(this.self, this.first.uri()));
		this.watcher.start();
		this.watcher.listening(InetAddress.getLoopbackAddress(), OWN_PORT);
		String said = "Fleet peer " + this.first.key() + " closed the connection mid-frame";
		await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains(said));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.first.accepted.get() >= 3);
		List<String> warnings = output.getOut()
			.lines()
			.filter((line) -> line.contains("Fleet peer") && line.contains("WARN"))
			.toList();
		assertThat(warnings).isNotEmpty()
			.allSatisfy((line) -> assertThat(line).contains(said)
				.doesNotContain("Exception")
				.doesNotContain("chunked transfer encoding"));
		assertThat(output.getOut()).doesNotContain("\tat ");
	}

}
