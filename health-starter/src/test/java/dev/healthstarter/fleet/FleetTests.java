package dev.healthstarter.fleet;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.healthstarter.HealthState;
import dev.healthstarter.core.HealthSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * This instance's entry in the fleet: its {@code since} is when it entered its state, whatever the order in which
 * concurrent readers finish.
 */
@Timeout(30)
class FleetTests {

	private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

	private volatile HealthState engine = HealthState.HEALTHY;

	private final Clock clock = new Clock() {

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return FleetTests.this.now;
		}

	};

	@Test
	void aReaderThatReadTheEngineBeforeAChangeDoesNotResetSelfSince() throws Exception {
		CountDownLatch read = new CountDownLatch(1);
		CountDownLatch resume = new CountDownLatch(1);
		Fleet fleet = new Fleet(() -> {
			HealthSnapshot snapshot = new HealthSnapshot(this.engine, Map.of(), Set.of());
			if (Thread.currentThread().getName().equals("slow-reader")) {
				// preempted between reading the engine and recording what it read
				read.countDown();
				await(resume);
			}
			return snapshot;
		}, 0.5, this.clock);
		Instant start = this.now;
		assertThat(self(fleet).since()).isEqualTo(start);
		Thread slowReader = new Thread(fleet::snapshot, "slow-reader");
		slowReader.start();
		await(read);
		this.now = start.plusSeconds(10);
		this.engine = HealthState.UNHEALTHY;
		assertThat(self(fleet).since()).isEqualTo(start.plusSeconds(10));
		this.now = start.plusSeconds(20);
		resume.countDown();
		slowReader.join(5000);
		this.now = start.plusSeconds(30);
		InstanceState self = self(fleet);
		assertThat(self.status()).isEqualTo(HealthState.UNHEALTHY);
		assertThat(self.since()).as("unhealthy since the change at +10 s").isEqualTo(start.plusSeconds(10));
	}

	private static InstanceState self(Fleet fleet) {
		return fleet.snapshot().instances().get("self");
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
