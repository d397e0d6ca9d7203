package dev.healthstarter.fleet;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.acme.fleet.FakePeer;
import dev.healthstarter.HealthState;
import dev.healthstarter.core.HealthSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A membership read that does not answer an interrupt (a DNS lookup, a blocking DiscoveryClient call) keeps a refresh
 * running past {@code FleetWatcher.stop()}'s wait: that refresh contacts no peer once it returns, and a later
 * {@code start()} watches the peers with links of its own (issue 28: {@code stop()} cleared {@code links} from the
 * stopping thread while the refresh later filled it, and after {@code start()} the peer was never watched again).
 */
@Timeout(60)
class FleetWatcherStopRaceTests {

	private FakePeer peer;

	private volatile boolean block = true;

	private final CountDownLatch inMembership = new CountDownLatch(1);

	private final CountDownLatch releaseMembership = new CountDownLatch(1);

	/** How many blocked membership reads returned. */
	private final AtomicInteger membershipReturned = new AtomicInteger();

	private final Fleet fleet = new Fleet(() -> new HealthSnapshot(HealthState.HEALTHY, Map.of(), Set.of()), 0.5,
			Clock.systemUTC());

	private FleetWatcher watcher;

	@BeforeEach
	void peer() throws IOException {
		this.peer = new FakePeer();
		URI member = this.peer.uri();
		FleetMembership membership = (ownPort) -> {
			if (this.block) {
				// as InetAddress.getAllByName or a blocking socket read: an interrupt does not end it
				this.inMembership.countDown();
				boolean interrupted = false;
				while (true) {
					try {
						this.releaseMembership.await();
						break;
					}
					catch (InterruptedException ex) {
						interrupted = true;
					}
				}
				if (interrupted) {
					Thread.currentThread().interrupt();
				}
				this.membershipReturned.incrementAndGet();
			}
			return List.of(member);
		};
		this.watcher = new FleetWatcher(this.fleet, membership,
				new FleetWatcher.Settings(32, Duration.ofMillis(200), Duration.ofSeconds(15), null, "/health"),
				JsonMapper.builder().build());
	}

	@AfterEach
	void stop() throws IOException {
		this.releaseMembership.countDown();
		this.watcher.stop();
		this.peer.close();
	}

	@Test
	void noPeerIsContactedAfterStopReturned() throws Exception {
		this.watcher.listening(null, 1);
		this.watcher.start();
		assertThat(this.inMembership.await(10, TimeUnit.SECONDS)).isTrue();
		this.watcher.stop();
		assertThat(this.watcher.isRunning()).isFalse();
		int before = this.peer.accepted.get();
		// the membership source answers after stop() returned
		this.releaseMembership.countDown();
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(this.peer.accepted.get() - before)
				.as("stream requests sent to a peer after stop() returned")
				.isZero());
	}

	@Test
	void aWatcherStartedAgainWatchesItsPeers() throws Exception {
		this.watcher.listening(null, 1);
		this.watcher.start();
		assertThat(this.inMembership.await(10, TimeUnit.SECONDS)).isTrue();
		this.watcher.stop();
		this.block = false;
		this.releaseMembership.countDown();
		// the late read returns; its refresh may still run as the context starts again
		await().atMost(Duration.ofSeconds(5)).until(() -> this.membershipReturned.get() > 0);
		// the context is started again (Lifecycle stop/start), the peer is healthy and reachable
		this.watcher.start();
		assertPeerBecomesHealthy();
	}

	/** Control: the same stop and start, with a membership read that ends before stop(). */
	@Test
	void controlAWatcherStoppedBetweenReadsAndStartedAgainWatchesItsPeers() throws Exception {
		this.block = false;
		this.watcher.listening(null, 1);
		this.watcher.start();
		assertPeerBecomesHealthy();
		this.watcher.stop();
		this.watcher.start();
		assertPeerBecomesHealthy();
	}

	private void assertPeerBecomesHealthy() {
		String key = this.peer.key();
		await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> {
			InstanceState state = this.fleet.snapshot().instances().get(key);
			assertThat((state != null) ? state.status() : null)
				.as("the peer's state after the watcher started (stream requests: %s)", this.peer.accepted.get())
				.isEqualTo(HealthState.HEALTHY);
		});
	}

}
