package dev.healthstarter.fleet;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Review of FleetWatcher.refresh: a refresh whose membership read
 * outlives {@code stop()}'s one-second wait opens no link once the read returns, but it still hands its stale member
 * list to the {@link Fleet} ({@code fleet.membership(...)}), which the run started since shares. That run keeps its
 * own {@code lastMembers} and links, sees no change at its next refreshes, and never corrects the fleet: the current
 * member it watches is dropped from the fleet (its link's reports then go nowhere, {@code computeIfPresent}) and the
 * departed member stays as an unknown peer for good, which also keeps a fail-open decision "held". Failed at 2c8884b: two
 * seconds after the late read returned, the fleet lists the departed member and not the one watched.
 */
@Timeout(60)
class FleetWatcherStaleMembershipReviewTests {

	@Test
	void aLateMembershipReadOfAStoppedRunLeavesTheFleetAsTheNewRunSeesIt() throws Exception {
		Fleet fleet = new Fleet(() -> new HealthSnapshot(HealthState.HEALTHY, Map.of(), Set.of()), 0.5,
				Clock.systemUTC());
		CountDownLatch inFirstRead = new CountDownLatch(1);
		CountDownLatch releaseFirstRead = new CountDownLatch(1);
		AtomicInteger lateReturned = new AtomicInteger();
		URI departed = URI.create("http://10.255.255.1:9");
		try (FakePeer current = new FakePeer()) {
			AtomicInteger reads = new AtomicInteger();
			FleetMembership membership = (ownPort) -> {
				if (reads.incrementAndGet() == 1) {
					// as a DNS lookup: ignores the interrupt, and answers what was true when it was sent
					inFirstRead.countDown();
					boolean interrupted = false;
					while (true) {
						try {
							releaseFirstRead.await();
							break;
						}
						catch (InterruptedException ex) {
							interrupted = true;
						}
					}
					if (interrupted) {
						Thread.currentThread().interrupt();
					}
					lateReturned.incrementAndGet();
					return List.of(departed);
				}
				return List.of(current.uri());
			};
			FleetWatcher watcher = new FleetWatcher(fleet, membership,
					new FleetWatcher.Settings(32, Duration.ofMillis(200), Duration.ofSeconds(15), null, "/health"),
					JsonMapper.builder().build());
			try {
				watcher.listening(null, 7);
				watcher.start();
				assertThat(inFirstRead.await(10, TimeUnit.SECONDS)).isTrue();
				watcher.stop();
				watcher.start();
				await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> {
					InstanceState state = fleet.snapshot().instances().get(current.key());
					assertThat((state != null) ? state.status() : null).isEqualTo(HealthState.HEALTHY);
				});
				releaseFirstRead.countDown();
				await().atMost(Duration.ofSeconds(5)).until(() -> lateReturned.get() == 1);
				Thread.sleep(2000);
				assertThat(fleet.snapshot().instances().keySet())
					.as("the fleet's instances 2 s after the stopped run's read returned")
					.contains(current.key())
					.doesNotContain(MemberChoice.key(departed));
			}
			finally {
				releaseFirstRead.countDown();
				watcher.stop();
			}
		}
	}

}
