package com.acme.fleet;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.healthstarter.HealthState;
import dev.healthstarter.core.HealthSnapshot;
import dev.healthstarter.fleet.Fleet;
import dev.healthstarter.fleet.FleetWatcher;
import dev.healthstarter.fleet.InstanceState;
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

	/** How many times {@link #watcher} read the membership. */
	private final AtomicInteger reads = new AtomicInteger();

	private final FleetWatcher watcher = new FleetWatcher(this.fleet, (port) -> {
		this.reads.incrementAndGet();
		return this.members.get();
	}, new FleetWatcher.Settings(32, Duration.ofMillis(100), Duration.ofMillis(500), null, "/health"),
			JsonMapper.builder().build());

	/** How far the paused watcher's clock was moved on. */
	private final AtomicLong pausedNanos = new AtomicLong();

	private final FleetWatcher pausable = new FleetWatcher(this.fleet, (port) -> this.members.get(),
			new FleetWatcher.Settings(32, Duration.ofSeconds(30), Duration.ofMillis(500), null, "/health"),
			JsonMapper.builder().build(), () -> System.nanoTime() + this.pausedNanos.get());

	private FakePeer first;

	private FakePeer second;

	@AfterEach
	void stop() throws Exception {
		this.watcher.stop();
		this.pausable.stop();
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

	/**
	 * Peers listed by a port that does not serve their health paths (the application's, with health.server.port set):
	 * the instance does not find itself among them and says so once, naming its own address and the members, and a
	 * peer's 404 is logged with its likely cause.
	 */
	@Test
	void membersListedByAPortWithoutTheHealthPathsAreReportedWithTheLikelyCause(CapturedOutput output)
			throws Exception {
		this.first = new FakePeer();
		this.first.status = 404;
		this.members.set(List.of(URI.create("http://127.0.0.1:2"), this.first.uri()));
		this.watcher.start();
		this.watcher.listening(InetAddress.getLoopbackAddress(), OWN_PORT);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.first.accepted.get() >= 2);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(output).contains("answered HTTP 404 at /health/$stream: no health stream "
					+ "there (is that the port that serves its health paths? With health.server.port set, list the "
					+ "health port)"));
		// the membership is read every 100 ms: the same one is reported once
		int read = this.reads.get();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.reads.get() >= read + 5);
		assertThat(output.toString().split("is not among the fleet's members", -1)).hasSize(2);
		assertThat(output).contains("This instance (127.0.0.1:" + OWN_PORT + ") is not among the fleet's members "
				+ "[http://127.0.0.1:2, " + this.first.uri() + "]");
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

	/**
	 * A peer whose frames hold 1,000 checks (over health.fleet.max-checks-per-peer, 256 by default) is unknown, shows
	 * none of them, and is logged once however often its link is retried.
	 */
	@Test
	void aPeerSendingMoreChecksThanTheBoundIsUnknownAndLoggedOnce(CapturedOutput output) throws Exception {
		this.first = new FakePeer();
		StringBuilder checks = new StringBuilder();
		for (int i = 0; i < 1000; i++) {
			checks.append((i > 0) ? "," : "").append("\"check").append(i).append("\":{\"state\":\"healthy\"}");
		}
		this.first.body = "{\"status\":\"healthy\",\"checks\":{" + checks + "}}";
		this.members.set(List.of(this.self, this.first.uri()));
		this.watcher.start();
		this.watcher.listening(InetAddress.getLoopbackAddress(), OWN_PORT);
		// refused, and retried with backoff
		await().atMost(Duration.ofSeconds(10)).until(() -> this.first.accepted.get() >= 3);
		assertThat(this.fleet.snapshot().instances()).hasEntrySatisfying(this.first.key(), (state) -> {
			assertThat(state.status()).isNull();
			assertThat(state.checks()).isEmpty();
		});
		assertThat(output.getOut().lines()
			.filter((line) -> line.contains("Fleet peer " + this.first.key() + " sent a frame with 1000 checks, more "
					+ "than health.fleet.max-checks-per-peer (256)")))
			.hasSize(1);
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

	/**
	 * A watcher whose process was paused for 40 s (SIGSTOP, a long GC) finds on its first sweep that its live peer
	 * was not heard for 40 s: time in which it did not run itself. It does not take that for the peer's silence, so
	 * the peer, heard again as soon as the process runs, is never unknown and its link never restarted. The pause:
	 * the fleet's thread held, the peer's heartbeats held back, and the watcher's clock moved on by 40 s.
	 */
	@Test
	void aWatcherPausedFor40sDoesNotMarkItsLivePeersUnknown(CapturedOutput output) throws Exception {
		this.first = new FakePeer();
		List<String> states = watchStatesOfFirst();
		pauseFor40s(() -> this.first.heartbeats = true);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
			assertThat(this.fleet.snapshot().instances()).hasEntrySatisfying(this.first.key(),
					(state) -> assertThat(state.status()).isEqualTo(HealthState.HEALTHY));
			assertThat(this.first.accepted.get()).isEqualTo(1);
		});
		assertThat(states).doesNotContain("unknown");
		assertThat(output.getOut()).contains("Fleet watcher did not run for 40")
			.doesNotContain("Fleet peer " + this.first.key());
	}

	/** After the pause, a peer that really stays silent is still found: unknown, and its link restarted. */
	@Test
	void aPausedWatcherStillFindsAPeerThatStaysSilent() throws Exception {
		this.first = new FakePeer();
		List<String> states = watchStatesOfFirst();
		pauseFor40s(() -> {
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> this.first.accepted.get() >= 2);
		assertThat(states).contains("unknown");
	}

	/** Starts the pausable watcher on the first peer and records every state the fleet gives that peer. */
	private List<String> watchStatesOfFirst() {
		List<String> states = new CopyOnWriteArrayList<>();
		this.fleet.addListener(() -> {
			InstanceState state = this.fleet.snapshot().instances().get(this.first.key());
			if (state != null) {
				states.add(state.statusValue());
			}
		});
		this.members.set(List.of(this.self, this.first.uri()));
		this.pausable.start();
		this.pausable.listening(InetAddress.getLoopbackAddress(), OWN_PORT);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.fleet.snapshot().instances()).hasEntrySatisfying(this.first.key(),
					(state) -> assertThat(state.status()).isEqualTo(HealthState.HEALTHY)));
		// a watched peer is unknown until its first frame: from here on it was heard
		states.clear();
		return states;
	}

	/**
	 * Pauses the pausable watcher as SIGSTOP would: its thread held and nothing heard from the peer, while its clock
	 * moves on by 40 s; then lets it run again.
	 * @param resumed what happens once it runs again
	 */
	private void pauseFor40s(Runnable resumed) throws InterruptedException {
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch resume = new CountDownLatch(1);
		this.pausable.execute(() -> {
			held.countDown();
			try {
				resume.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
		this.first.heartbeats = false;
		// no heartbeat in flight any more: the peer sent none for longer than its period
		int[] sent = { -1 };
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
			.until(this.first.heartbeatsSent::get, (count) -> {
				boolean same = count == sent[0];
				sent[0] = count;
				return same;
			});
		this.pausedNanos.addAndGet(Duration.ofSeconds(40).toNanos());
		resume.countDown();
		resumed.run();
	}

}
