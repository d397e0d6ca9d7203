package dev.healthstarter.fleet;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

import dev.healthstarter.HealthFleetFailOpenEvent;
import dev.healthstarter.HealthState;
import dev.healthstarter.core.CheckOutcome;
import dev.healthstarter.core.FailOpen;
import dev.healthstarter.core.HealthEngine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Readiness that fails open (DESIGN.md, "Fleet"; the load balancers' answer to a shared outage, as Envoy's panic
 * threshold and AWS ALB's fail-open give): when a check of one of {@code groups} is unhealthy on at least
 * {@code threshold} of the reachable instances, this one included, and at least {@code minInstances} are reachable,
 * those groups count it as {@code degraded}. Unknown instances never count. A fault on fewer instances still takes
 * them out. When peers turn unknown (their links refused or unreachable) and the reachable instances fall below
 * {@code minInstances} while the instances watched would make it, a check failing open keeps failing open until that
 * quorum is reachable again: an instance blinded to its fleet (a partition, its links refused, a peer restarting)
 * keeps its last decision rather than taking itself out alone; members that leave the membership end it. Each start
 * and end is logged once and published as a {@link HealthFleetFailOpenEvent} on the engine's notifier thread, never on
 * the fleet's (which keeps the links and their silence). Thread-safe.
 */
public final class FleetFailOpen implements FailOpen {

	private static final Log logger = LogFactory.getLog(FleetFailOpen.class);

	private final Fleet fleet;

	private final Settings settings;

	private final Function<String, @Nullable HealthState> selfState;

	private final ApplicationEventPublisher publisher;

	private final Executor events;

	private final Set<String> failing = ConcurrentHashMap.newKeySet();

	/** The checks that have been healthy here since start: only those fail open. */
	private final Set<String> wereHealthy = ConcurrentHashMap.newKeySet();

	/**
	 * Orders starts and ends: each is decided on what the fleet and this instance report when it is taken, and
	 * handed to {@code events} in that order. Held only over reads of the fleet and the check's latest outcome and
	 * over handing the event to {@code events}; no listener runs under it.
	 */
	private final Object transitions = new Object();

	/**
	 * @param fleet the peers' states
	 * @param settings the threshold, quorum and groups
	 * @param engine this instance's checks: their latest states, and the notifier thread the events are published on
	 * @param publisher publishes the events
	 */
	public FleetFailOpen(Fleet fleet, Settings settings, HealthEngine engine, ApplicationEventPublisher publisher) {
		this(fleet, settings, (check) -> {
			CheckOutcome outcome = engine.latestOutcome(check);
			return (outcome != null) ? outcome.state() : null;
		}, publisher, engine::runOnNotifier);
	}

	/**
	 * @param fleet the peers' states
	 * @param settings the threshold, quorum and groups
	 * @param selfState a check's latest state on this instance, or {@code null} if it has none
	 * @param publisher publishes the events
	 * @param events runs the publishing, off the threads that aggregate or read the links
	 */
	FleetFailOpen(Fleet fleet, Settings settings, Function<String, @Nullable HealthState> selfState,
			ApplicationEventPublisher publisher, Executor events) {
		this.fleet = fleet;
		this.settings = settings;
		this.selfState = selfState;
		this.publisher = publisher;
		this.events = events;
		fleet.addListener(this::recheck);
	}

	@Override
	public @Nullable String reason(String group, String check) {
		// a check never healthy here is the instance not ready yet (a model loading, a fleet starting together),
		// not an outage of what it served with: failing open would send it traffic it cannot serve
		if (!this.settings.groups().contains(group) || !this.wereHealthy.contains(check)) {
			return null;
		}
		String reason = meets(check, true);
		if (reason == null) {
			return this.failing.contains(check) ? held(check) : null;
		}
		if (!this.failing.contains(check)) {
			start(check);
		}
		return reason;
	}

	private void start(String check) {
		synchronized (this.transitions) {
			// decided again on what is reported now: a recheck that ran since this aggregation read the fleet (or
			// this check) could not end a start it did not see
			String reason = (this.selfState.apply(check) == HealthState.UNHEALTHY) ? meets(check, true) : null;
			if (reason != null && this.failing.add(check)) {
				publish(check, true, reason);
			}
		}
	}

	/**
	 * Tells the policy a check's new state here, so that it knows which checks have been healthy since start (only
	 * those fail open), and rechecks the ends. Called on each change of a check's report here.
	 * @param check the check's name
	 * @param state its new state
	 */
	public void reported(String check, HealthState state) {
		if (state == HealthState.HEALTHY) {
			this.wereHealthy.add(check);
		}
		recheck();
	}

	/**
	 * @return how many checks fail open now
	 */
	public int failingOpen() {
		return this.failing.size();
	}

	/**
	 * Ends failing open for the checks whose fleet no longer meets the threshold (or that recovered here); called
	 * when a peer's state changed and when a check's report here changed.
	 */
	public void recheck() {
		synchronized (this.transitions) {
			for (String check : this.failing) {
				boolean unhealthyHere = this.selfState.apply(check) == HealthState.UNHEALTHY;
				boolean ends = !unhealthyHere || (meets(check, true) == null && held(check) == null);
				if (ends && this.failing.remove(check)) {
					publish(check, false, counts(check, unhealthyHere));
				}
			}
		}
	}

	/** @return the counts as the reason reads them, if the fleet meets the threshold and quorum, else {@code null} */
	private @Nullable String meets(String check, boolean unhealthyHere) {
		int[] peers = this.fleet.peerCounts(check);
		int reachable = peers[0] + 1;
		int unhealthy = peers[1] + (unhealthyHere ? 1 : 0);
		boolean meets = reachable >= this.settings.minInstances() && unhealthy >= this.settings.threshold() * reachable;
		return meets ? counts(unhealthy, reachable) : null;
	}

	/**
	 * @return while the reachable instances are fewer than the quorum only because peers are unknown (links refused or
	 * unreachable), the reason a check failing open keeps failing open, else {@code null}
	 */
	private @Nullable String held(String check) {
		int[] peers = this.fleet.peerCounts(check);
		int reachable = peers[0] + 1;
		if (reachable >= this.settings.minInstances() || reachable + peers[2] < this.settings.minInstances()) {
			return null;
		}
		return counts(peers[1] + 1, reachable) + ", " + peers[2] + " unknown: held until "
				+ this.settings.minInstances() + " are reachable";
	}

	private String counts(String check, boolean unhealthyHere) {
		int[] peers = this.fleet.peerCounts(check);
		return counts(peers[1] + (unhealthyHere ? 1 : 0), peers[0] + 1);
	}

	private static String counts(int unhealthy, int reachable) {
		return "unhealthy on " + unhealthy + " of " + reachable + " instances";
	}

	/** Under the transitions' lock: logs and publishes on the events' thread, in the order of the transitions. */
	private void publish(String check, boolean failingOpen, String reason) {
		try {
			this.events.execute(() -> {
				if (failingOpen) {
					logger.warn("Readiness fails open for check '" + check + "': " + reason
							+ " (health.fleet.fail-open; groups " + this.settings.groups() + ")");
				}
				else {
					logger.info("Readiness no longer fails open for check '" + check + "': " + reason);
				}
				this.publisher.publishEvent(new HealthFleetFailOpenEvent(this, check, failingOpen, reason));
			});
		}
		catch (RuntimeException ex) {
			// the fleet stopped with the application
		}
	}

	/**
	 * When readiness fails open ({@code health.fleet.fail-open.*}).
	 *
	 * @param threshold the share of reachable instances on which a check must be unhealthy (0 to 1)
	 * @param minInstances the fewest reachable instances, this one included, for failing open at all
	 * @param groups the groups that fail open
	 */
	public record Settings(double threshold, int minInstances, Set<String> groups) {

		/**
		 * @param threshold the share
		 * @param minInstances the quorum
		 * @param groups the groups
		 */
		public Settings {
			groups = Set.copyOf(groups);
		}

	}

}
