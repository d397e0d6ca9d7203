package dev.healthstarter.fleet;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import dev.healthstarter.HealthState;
import dev.healthstarter.core.HealthSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DESIGN.md, Fleet: "At most health.fleet.max-peers (default 32) peers are watched, chosen at random once per
 * membership change", and "memberships are compared as sets": a source that lists the same members in another order
 * (DNS round robin rotates the A records of a headless Service between answers) is no change, so the sample stays
 * (issue 28: compared as lists, 19 samples in 2 s at a 100 ms refresh, links closed and opened every refresh).
 */
@Timeout(60)
class FleetSampleChurnReviewTests {

	@Test
	void theSameMembersInAnotherOrderKeepTheSameSample() throws Exception {
		List<URI> members = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			// nothing listens there: each link fails at once and waits for its backoff
			members.add(URI.create("http://127.0.0.1:" + (1 + i)));
		}
		AtomicInteger reads = new AtomicInteger();
		FleetMembership rotating = (ownPort) -> {
			// the same 40 members, rotated by one at each answer
			int shift = reads.getAndIncrement() % members.size();
			List<URI> answer = new ArrayList<>(members.subList(shift, members.size()));
			answer.addAll(members.subList(0, shift));
			return answer;
		};
		Fleet fleet = new Fleet(() -> new HealthSnapshot(HealthState.HEALTHY, Map.of(), Set.of()), 0.5,
				Clock.systemUTC());
		FleetWatcher watcher = new FleetWatcher(fleet, rotating,
				new FleetWatcher.Settings(4, Duration.ofMillis(100), Duration.ofSeconds(15), null, "/health"),
				JsonMapper.builder().build());
		watcher.listening(null, 65000);
		watcher.start();
		try {
			await().atMost(Duration.ofSeconds(5)).until(() -> watched(fleet).size() == 4);
			Set<String> first = watched(fleet);
			int readsBefore = reads.get();
			await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
				.untilAsserted(() -> assertThat(watched(fleet))
					.as("the peers watched while an unchanged membership is read every 100 ms")
					.isEqualTo(first));
			// the membership was read again and again meanwhile, in other orders
			assertThat(reads.get() - readsBefore).isGreaterThanOrEqualTo(5);
		}
		finally {
			watcher.stop();
		}
	}

	/** The peers in the fleet view, this instance left out. */
	private static Set<String> watched(Fleet fleet) {
		Set<String> watched = new TreeSet<>(fleet.snapshot().instances().keySet());
		watched.removeIf((key) -> key.endsWith(":65000"));
		return watched;
	}

}
