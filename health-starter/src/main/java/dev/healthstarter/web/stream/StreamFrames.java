package dev.healthstarter.web.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckOutcome;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.HealthSnapshot;
import dev.healthstarter.fleet.FleetSnapshot;
import dev.healthstarter.web.FleetBodies;
import dev.healthstarter.web.HealthBodies;
import org.jspecify.annotations.Nullable;

/**
 * Builds the stream's frames, for a group's view or the fleet's. Invariant: a frame's id and what it shows are read
 * together under one lock, and ids increase across all frames, so a frame with a larger id never shows an older
 * report of a check (a subscriber drops frames older than one it was offered, and never sees a state go back in
 * time). The same lock lets the broadcaster read who watches a change ({@link #locked}) and open a subscriber
 * ({@link #first}) so that no change pushed while it opens passes it by. The body of a frame is serialized once per
 * snapshot ({@link HealthBodies}). Thread-safe; no user code runs under the lock.
 */
final class StreamFrames {

	private final HealthEngine engine;

	private final HealthBodies bodies;

	private final @Nullable FleetBodies fleet;

	private final Clock clock;

	/** Guards {@link #lastFrameId} together with the read of the reports a frame shows. */
	private final Object lock = new Object();

	private long lastFrameId;

	/**
	 * @param engine reads the groups' latest reports
	 * @param bodies serializes a group's frame
	 * @param fleet serializes the fleet's frames, or {@code null} without a fleet
	 * @param clock the clock for the last frame's timestamps
	 */
	StreamFrames(HealthEngine engine, HealthBodies bodies, @Nullable FleetBodies fleet, Clock clock) {
		this.engine = engine;
		this.bodies = bodies;
		this.fleet = fleet;
		this.clock = clock;
	}

	/**
	 * Builds a frame of what the view's checks report now, on a writer or the notifier thread (never on a check or
	 * scheduler thread).
	 * @param view the group and visibility
	 * @param reconnect the {@code retry:} field of a first frame, else {@code null}
	 * @param last whether it is the last frame of a stopping stream (readiness refusing traffic)
	 * @return the frame
	 */
	StreamFrame next(StreamSubscriber.View view, @Nullable Duration reconnect, boolean last) {
		Shows shows;
		synchronized (this.lock) {
			shows = shows(view, ++this.lastFrameId);
		}
		return frame(view, shows, reconnect, last);
	}

	/**
	 * Builds a subscriber's first frame and hands it to {@code open} under the lock, so that every frame built after
	 * it has a larger id and a change made after its read is seen by whoever reads the watchers next.
	 * @param view the subscriber's view
	 * @param reconnect the frame's {@code retry:} field
	 * @param open offers the frame and adds the subscriber to the index; short, and no user code
	 */
	void first(StreamSubscriber.View view, Duration reconnect, Consumer<StreamFrame> open) {
		synchronized (this.lock) {
			open.accept(frame(view, shows(view, ++this.lastFrameId), reconnect, false));
		}
	}

	/**
	 * @param <T> what is read
	 * @param read a short read that must not interleave with a frame's id and contents (the watchers of a change)
	 * @return what it read
	 */
	<T> T locked(Supplier<T> read) {
		synchronized (this.lock) {
			return read.get();
		}
	}

	/**
	 * Under the frame lock: what a frame with this id shows, the view's group from the engine or, for a fleet view,
	 * the fleet (this instance's part read from the engine), so that a larger id never shows an older report.
	 */
	private Shows shows(StreamSubscriber.View view, long id) {
		FleetBodies fleet = this.fleet;
		if (view.fleet() && fleet != null) {
			return new Shows(id, null, fleet.snapshot());
		}
		return new Shows(id, this.engine.latest(view.group()), null);
	}

	private StreamFrame frame(StreamSubscriber.View view, Shows shows, @Nullable Duration reconnect, boolean last) {
		FleetBodies fleet = this.fleet;
		FleetSnapshot fleetSnapshot = shows.fleet();
		if (fleetSnapshot != null && fleet != null) {
			boolean components = view.shown().components();
			return StreamFrame.data(shows.id(), reconnect, fleet.json(fleetSnapshot, components),
					FleetBodies.signature(fleetSnapshot, components), last);
		}
		HealthSnapshot snapshot = Objects.requireNonNull(shows.health());
		HealthSnapshot shown = last ? refusingTraffic(snapshot) : snapshot;
		return StreamFrame.data(shows.id(), reconnect, this.bodies.json(shown, view.shown(), false),
				shown.signature(view.shown().components(), view.shown().details()), last);
	}

	/** A frame's id and what it shows: a group's snapshot, or the fleet's. */
	private record Shows(long id, @Nullable HealthSnapshot health, @Nullable FleetSnapshot fleet) {
	}

	private HealthSnapshot refusingTraffic(HealthSnapshot snapshot) {
		Map<String, CheckOutcome> checks = new LinkedHashMap<>(snapshot.checks());
		checks.put(AvailabilityStates.READINESS_STATE, new CheckOutcome(
				HealthCheckResult.unhealthy("REFUSING_TRAFFIC: the application is shutting down"), this.clock.instant(),
				Duration.ZERO));
		return new HealthSnapshot(HealthState.UNHEALTHY, checks, snapshot.nonCritical());
	}

}
