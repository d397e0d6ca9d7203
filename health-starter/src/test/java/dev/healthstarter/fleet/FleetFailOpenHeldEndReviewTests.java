package dev.healthstarter.fleet;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

import dev.healthstarter.HealthFleetFailOpenEvent;
import dev.healthstarter.HealthState;
import dev.healthstarter.core.HealthSnapshot;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review of the merge of the fail-open delay with the "held" rule (FleetFailOpen.decide). DESIGN.md,
 * Fleet: "A fault on fewer instances still takes the faulty ones out", "ends only after it has been false as long",
 * and "the fail-open decision keeps its last value until quorum returns". The held rule looks at the decision
 * ({@code failing}), not at what a quorate fleet last said: once a quorate fleet has stopped meeting the threshold
 * (the fault is on this instance alone) and the end waits for its delay, peers turning unknown cancel that end and hold
 * the faulty instance in rotation for as long as they stay unknown; a peer whose link merely flaps faster than the
 * delay keeps it there for good, though every quorate view in between says "unhealthy on 1 of 3".
 * Time is the test's own clock (as FleetFailOpenTests).
 */
@Timeout(60)
class FleetFailOpenHeldEndReviewTests {

	private static final Map<String, HealthState> UNHEALTHY = Map.of("db", HealthState.UNHEALTHY);

	private static final Map<String, HealthState> HEALTHY = Map.of("db", HealthState.HEALTHY);

	private static final Duration DELAY = Duration.ofSeconds(1);

	private final Fleet fleet = new Fleet(() -> new HealthSnapshot(HealthState.UNHEALTHY, Map.of(), Set.of()), 0.5,
			Clock.systemUTC());

	private final List<HealthFleetFailOpenEvent> events = Collections.synchronizedList(new ArrayList<>());

	private final TestInstance instance = new TestInstance();

	FleetFailOpenHeldEndReviewTests() {
		this.fleet.membership("self:1", 3, List.of("a:1", "b:1"));
	}

	/** Fails open with the whole fleet, then the peers recover while this instance stays unhealthy. */
	private FleetFailOpen failingOpenThenPeersRecover() {
		FleetFailOpen failOpen = new FleetFailOpen(this.fleet,
				new FleetFailOpen.Settings(0.5, 3, Set.of("readiness"), DELAY), this.instance,
				(event) -> this.events.add((HealthFleetFailOpenEvent) event), this.instance::nanos);
		failOpen.reported("db", HealthState.HEALTHY);
		peers(UNHEALTHY);
		this.instance.advance(DELAY);
		assertThat(failOpen.isFailingOpen("db")).isTrue();
		// the quorate fleet: unhealthy on 1 of 3, the fault is this instance's alone; the end waits for the delay
		peers(HEALTHY);
		assertThat(failOpen.reason("readiness", "db")).isEqualTo("unhealthy on 1 of 3 instances");
		return failOpen;
	}

	/**
	 * The end's delay is under way (the quorate fleet no longer meets the threshold) when the peers turn unknown:
	 * at 2c8884b the hold cancelled the end and kept the faulty instance in rotation as long as the peers stayed
	 * unknown. Failed at 2c8884b: still failing open ten delays later, reason "unhealthy on 1 of 1 instances, 2 unknown: held ...".
	 */
	@Test
	void anEndUnderWayIsNotCancelledByPeersTurningUnknown() {
		FleetFailOpen failOpen = failingOpenThenPeersRecover();
		this.instance.advance(DELAY.dividedBy(2));
		this.fleet.lost("a:1");
		this.fleet.lost("b:1");
		this.instance.advance(DELAY.multipliedBy(10));
		assertThat(failOpen.isFailingOpen("db"))
			.as("still failing open, reason: %s, events %s", failOpen.reason("readiness", "db"),
					this.events.stream().map(HealthFleetFailOpenEvent::isFailingOpen).toList())
			.isFalse();
	}

	/**
	 * One peer's link flaps (refused, reconnected after its backoff) faster than the delay: every time the quorum is
	 * reachable the fleet says "unhealthy on 1 of 3", yet each loss cancels the end and each return restarts its
	 * delay. Failed at 2c8884b: after 60 s of flapping the faulty instance still fails open, no end published.
	 */
	@Test
	void aFlappingPeerLinkNeverKeepsAFaultyInstanceFailingOpen() {
		FleetFailOpen failOpen = failingOpenThenPeersRecover();
		for (int i = 0; i < 60; i++) {
			this.instance.advance(DELAY.dividedBy(2));
			this.fleet.lost("b:1");
			this.instance.advance(DELAY.dividedBy(2));
			this.fleet.report("b:1", HealthState.HEALTHY, HEALTHY);
		}
		assertThat(this.events).extracting(HealthFleetFailOpenEvent::isFailingOpen)
			.as("events after 60 s of a flapping link, still failing open: %s", failOpen.isFailingOpen("db"))
			.containsExactly(true, false);
	}

	private void peers(Map<String, HealthState> checks) {
		this.fleet.report("a:1", checks.get("db"), checks);
		this.fleet.report("b:1", checks.get("db"), checks);
	}

	/** As FleetFailOpenTests' instance: check db unhealthy here, a clock moved by {@link #advance}. */
	private static final class TestInstance implements FleetFailOpen.Instance {

		private long nanos;

		private final List<Timed> timers = new ArrayList<>();

		synchronized long nanos() {
			return this.nanos;
		}

		@Override
		public @Nullable HealthState state(String check) {
			return canFailOpen(check) ? HealthState.UNHEALTHY : null;
		}

		@Override
		public boolean canFailOpen(String check) {
			return "db".equals(check);
		}

		@Override
		public void publish(Runnable task) {
			task.run();
		}

		@Override
		public void failOpenChanged() {
		}

		@Override
		public synchronized Future<?> schedule(Runnable task, Duration delay) {
			Timed timed = new Timed(this.nanos + delay.toNanos(), task);
			this.timers.add(timed);
			return timed;
		}

		void advance(Duration time) {
			long until;
			synchronized (this) {
				until = this.nanos + time.toNanos();
			}
			while (true) {
				Timed next;
				synchronized (this) {
					this.timers.removeIf(Timed::isDone);
					next = this.timers.stream().filter((timed) -> timed.due <= until)
						.min((left, right) -> Long.compare(left.due, right.due)).orElse(null);
					if (next == null) {
						this.nanos = until;
						return;
					}
					this.nanos = Math.max(this.nanos, next.due);
					this.timers.remove(next);
				}
				next.run();
			}
		}

		private static final class Timed extends FutureTask<Void> {

			final long due;

			Timed(long due, Runnable task) {
				super(task, null);
				this.due = due;
			}

		}

	}

}
