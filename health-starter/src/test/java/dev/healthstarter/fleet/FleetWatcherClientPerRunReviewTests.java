package dev.healthstarter.fleet;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.healthstarter.HealthState;
import dev.healthstarter.core.HealthSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review of the TLS merge (FleetWatcher.Run, lines 401-431 and 514-518): every run builds its own {@code HttpClient}
 * (with the transport's SSL context) and its stop shuts down only the client's executor ({@code health-fleet-N}).
 * On Java 17 an {@code HttpClient} cannot be closed; its selector thread ({@code HttpClient-N-SelectorManager}) and
 * its pooled connections live until the client is garbage collected. So "the starter's own threads stay bounded"
 * (DESIGN.md, "How the stream stays fair") holds only up to the next GC: each stop/start (a context refreshed, a
 * Lifecycle stop and start) leaves one more selector thread running. Failed with a
 * client per run (one per watcher now): ten start/stop cycles left ten
 * more selector threads alive after stop() returned.
 */
@Timeout(60)
class FleetWatcherClientPerRunReviewTests {

	@Test
	void aStoppedRunLeavesNoHttpClientThreadBehind() throws Exception {
		Fleet fleet = new Fleet(() -> new HealthSnapshot(HealthState.HEALTHY, Map.of(), Set.of()), 0.5,
				Clock.systemUTC());
		FleetWatcher watcher = new FleetWatcher(fleet, (ownPort) -> List.of(),
				new FleetWatcher.Settings(32, Duration.ofSeconds(30), Duration.ofSeconds(15), null, "/health"),
				JsonMapper.builder().build(), FleetTransport.https());
		long before = selectorThreads();
		for (int i = 0; i < 10; i++) {
			watcher.start();
			watcher.stop();
		}
		// give any thread that is on its way out a moment, without a GC
		Thread.sleep(500);
		long after = selectorThreads();
		assertThat(after - before).as("HttpClient selector threads alive after 10 start/stop cycles").isLessThanOrEqualTo(0);
	}

	private static long selectorThreads() {
		return Thread.getAllStackTraces().keySet().stream()
			.filter((thread) -> thread.isAlive() && thread.getName().matches("HttpClient-\\d+-SelectorManager"))
			.count();
	}

}
