package dev.healthstarter.fleet;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.healthstarter.HealthState;
import dev.healthstarter.core.HealthSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.context.event.ContextRefreshedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring Cloud's discovery events refresh the membership on the fleet's own thread, debounced: a burst costs one or
 * two reads, a steady stream at most one read per {@link FleetWatcher#REFRESH_SPACING}, a repeated heartbeat value
 * none.
 */
@Timeout(30)
class DiscoveryClientEventsListenerTests {

	private static final int OWN_PORT = 1;

	/** Each read of the membership: when ({@link System#nanoTime()}) and on which thread. */
	private final List<Read> reads = new CopyOnWriteArrayList<>();

	private final Fleet fleet = new Fleet(() -> new HealthSnapshot(HealthState.HEALTHY, Map.of(), Set.of()), 0.5,
			Clock.systemUTC());

	private FleetWatcher watcher;

	private DiscoveryClientEventsListener listener;

	/** Reads before the test's events. */
	private int before;

	@BeforeEach
	void start() {
		this.watcher = new FleetWatcher(this.fleet, (port) -> {
			this.reads.add(new Read(System.nanoTime(), Thread.currentThread().getName(),
					Thread.holdsLock(this.watcher)));
			return List.of(URI.create("http://127.0.0.1:" + OWN_PORT));
		}, new FleetWatcher.Settings(32, Duration.ofSeconds(30), Duration.ofMillis(500), null, "/health"),
				JsonMapper.builder().build());
		this.listener = new DiscoveryClientEventsListener(this.watcher);
		this.watcher.start();
		this.watcher.listening(InetAddress.getLoopbackAddress(), OWN_PORT);
		// the first refresh, and the periodic one if it ran after listening
		await().atMost(Duration.ofSeconds(5)).until(() -> this.reads.size() >= 1);
		this.before = settled();
	}

	/** @return how many reads there were once none came for 300 ms */
	private int settled() {
		int[] last = { -1 };
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(this.reads::size, (size) -> {
			boolean same = size == last[0];
			last[0] = size;
			return same;
		});
		return last[0];
	}

	@AfterEach
	void stop() {
		this.watcher.stop();
	}

	@Test
	void aBurstOfHeartbeatsCostsAtMostTwoReadsOnTheFleetsThread() {
		for (long i = 0; i < 1000; i++) {
			this.listener.onApplicationEvent(new HeartbeatEvent(this, i));
		}
		await().atMost(Duration.ofSeconds(2)).until(() -> this.reads.size() >= this.before + 1);
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(this.reads).hasSizeBetween(this.before + 1, this.before + 2));
		assertThat(this.reads).allSatisfy((read) -> {
			assertThat(read.thread()).isEqualTo("health-fleet");
			assertThat(read.holdingTheWatchersLock()).isFalse();
		});
	}

	@Test
	void aSteadyStreamOfHeartbeatsReadsAtMostOncePerSpacing() throws InterruptedException {
		long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
		long value = 0;
		while (System.nanoTime() < end) {
			this.listener.onApplicationEvent(new HeartbeatEvent(this, value++));
			// pacing the publisher, not an assertion
			Thread.sleep(10);
		}
		List<Read> requested = this.reads.subList(this.before, settled());
		// 1.5 s of events: about seven reads, each at least the spacing after the one before
		assertThat(requested).hasSizeBetween(4, 9);
		for (int i = this.before; i < this.reads.size(); i++) {
			assertThat(Duration.ofNanos(this.reads.get(i).nanos() - this.reads.get(i - 1).nanos()))
				.isGreaterThanOrEqualTo(FleetWatcher.REFRESH_SPACING.minusMillis(5));
		}
	}

	@Test
	void aRepeatedHeartbeatValueReadsNothingAndANewOneReadsAgain() {
		this.listener.onApplicationEvent(new HeartbeatEvent(this, "index-1"));
		await().atMost(Duration.ofSeconds(2)).until(() -> this.reads.size() == this.before + 1);
		for (int i = 0; i < 10; i++) {
			this.listener.onApplicationEvent(new HeartbeatEvent(this, "index-1"));
		}
		await().during(Duration.ofMillis(600))
			.atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(this.reads).hasSize(this.before + 1));
		this.listener.onApplicationEvent(new HeartbeatEvent(this, "index-2"));
		await().atMost(Duration.ofSeconds(2)).until(() -> this.reads.size() == this.before + 2);
	}

	@Test
	void anInstanceRegisteredEventReads() {
		this.listener.onApplicationEvent(new InstanceRegisteredEvent<>(this, "registration"));
		await().atMost(Duration.ofSeconds(2)).until(() -> this.reads.size() == this.before + 1);
	}

	@Test
	void listensToDiscoveryEventsOnly() {
		assertThat(this.listener.supportsEventType(HeartbeatEvent.class)).isTrue();
		assertThat(this.listener.supportsEventType(InstanceRegisteredEvent.class)).isTrue();
		assertThat(this.listener.supportsEventType(ContextRefreshedEvent.class)).isFalse();
	}

	@Test
	void eventsBeforeStartOrAfterStopReadNothing() {
		this.watcher.stop();
		this.listener.onApplicationEvent(new HeartbeatEvent(this, "after stop"));
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(this.reads).hasSize(this.before));
	}

	private record Read(long nanos, String thread, boolean holdingTheWatchersLock) {
	}

}
