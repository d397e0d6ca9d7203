package dev.healthstarter.fleet;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;

import dev.healthstarter.HealthFleetFailOpenEvent;
import dev.healthstarter.HealthState;
import dev.healthstarter.core.CheckOutcome;
import dev.healthstarter.core.FailOpen;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.HealthEvaluationListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Readiness that fails open (DESIGN.md, "Fleet"; the load balancers' answer to a shared outage, as Envoy's panic
 * threshold and AWS ALB's fail-open give). The condition, for a critical check of one of {@code groups} that has
 * been healthy here since start: it is unhealthy here and on at least {@code threshold} of the reachable instances,
 * this one included, and at least {@code minInstances} are reachable (unknown instances never count). When peers
 * turn unknown (their links refused or unreachable) and the reachable instances fall below {@code minInstances}
 * while the instances watched would make it, a check failing open keeps failing open until that quorum is
 * reachable again: an instance blinded to its fleet keeps its last decision rather than taking itself out alone;
 * members that leave the membership end it. Failing open starts once the condition has held for {@code delay} and
 * ends once it has been false as long, so a peer that flaps moves no decision; while a check fails open, those groups count it as {@code degraded}, with the fleet's counts
 * now as the reason. Each start and end is logged once and published as a {@link HealthFleetFailOpenEvent} on the
 * engine's notifier thread, never on the fleet's (which keeps the links and their silence). The condition is
 * decided again whenever a peer's state or a check's report here changes, and when a delay ends (on the engine's
 * scheduler). Thread-safe.
 */
public final class FleetFailOpen implements FailOpen, HealthEvaluationListener {

	private static final Log logger = LogFactory.getLog(FleetFailOpen.class);

	private final Fleet fleet;

	private final Settings settings;

	private final Instance instance;

	private final ApplicationEventPublisher publisher;

	private final LongSupplier nanoTime;

	/** The checks failing open now: read without a lock, changed under {@link #transitions}. */
	private final Set<String> failing = ConcurrentHashMap.newKeySet();

	/** The checks that have been healthy here since start: only those fail open. */
	private final Set<String> wereHealthy = ConcurrentHashMap.newKeySet();

	/** The checks whose condition differs from their decision, and since when; guarded by {@link #transitions}. */
	private final Map<String, Pending> pending = new HashMap<>();

	/**
	 * Orders the decisions: each is taken on what the fleet and this instance report when it is taken, and handed
	 * to the notifier in that order. Held over reads of the fleet and of the checks' latest outcomes, over queueing
	 * the events and scheduling the delays' ends; no listener runs under it.
	 */
	private final Object transitions = new Object();

	/**
	 * @param fleet the peers' states
	 * @param settings the threshold, quorum, groups and delay
	 * @param engine this instance's checks: their latest states, the notifier thread the events are published on,
	 * and the scheduler that ends the delays
	 * @param publisher publishes the events
	 */
	public FleetFailOpen(Fleet fleet, Settings settings, HealthEngine engine, ApplicationEventPublisher publisher) {
		this(fleet, settings, new EngineInstance(engine, settings.groups()), publisher, System::nanoTime);
	}

	/**
	 * Creates the policy and applies it to the engine: the engine's aggregation of the fail-open groups asks it, the
	 * engine aggregates again whenever the fleet changes (after the policy's own recheck of that change, as a peer's
	 * change may change the counts a check that fails open shows), and the policy hears of the engine's reports and
	 * of checks unregistered.
	 * @param fleet the peers' states
	 * @param settings the threshold, quorum, groups and delay
	 * @param engine this instance's checks
	 * @param publisher publishes the events
	 * @return the policy, applied
	 */
	public static FleetFailOpen applied(Fleet fleet, Settings settings, HealthEngine engine,
			ApplicationEventPublisher publisher) {
		FleetFailOpen policy = new FleetFailOpen(fleet, settings, engine, publisher);
		engine.failOpen(policy);
		fleet.addListener(engine::failOpenChanged);
		engine.addListener(policy);
		return policy;
	}

	/**
	 * @param fleet the peers' states
	 * @param settings the threshold, quorum, groups and delay
	 * @param instance this instance's checks and threads
	 * @param publisher publishes the events
	 * @param nanoTime the monotonic clock of the delays, as {@link System#nanoTime()}
	 */
	FleetFailOpen(Fleet fleet, Settings settings, Instance instance, ApplicationEventPublisher publisher,
			LongSupplier nanoTime) {
		this.fleet = fleet;
		this.settings = settings;
		this.instance = instance;
		this.publisher = publisher;
		this.nanoTime = nanoTime;
		fleet.addListener(this::recheck);
	}

	@Override
	public @Nullable String reason(String group, String check) {
		if (!this.settings.groups().contains(group) || !this.failing.contains(check)) {
			return null;
		}
		// the fleet now: while an end waits for its delay, the counts may already miss the threshold
		String held = (meets(check) == null) ? held(check) : null;
		return (held != null) ? held : counts(check, true);
	}

	/**
	 * Tells the policy a check's new state here, so that it knows which checks have been healthy since start (only
	 * those fail open), and decides again. Called on each change of a check's report here.
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
	 * Decides again on a check's new report here; registered on the engine as its listener.
	 */
	@Override
	public void onReportChanged(String check, @Nullable CheckOutcome previous, CheckOutcome current) {
		reported(check, current.state());
	}

	/**
	 * Forgets a check that is gone (a target removed from the targets file): if it fails open, that ends at once,
	 * logged and published; a check registered again under its name starts as one never healthy here.
	 */
	@Override
	public void onUnregistered(String check) {
		synchronized (this.transitions) {
			this.wereHealthy.remove(check);
			Pending pending = this.pending.remove(check);
			if (pending != null) {
				pending.cancel();
			}
			if (this.failing.remove(check)) {
				publish(check, false, "the check is no longer registered");
				this.instance.failOpenChanged();
			}
		}
	}

	/**
	 * @return how many checks fail open now
	 */
	public int failingOpen() {
		return this.failing.size();
	}

	/**
	 * @param check a check's name
	 * @return whether the groups count it as {@code degraded} now because it fails on much of the fleet
	 */
	public boolean isFailingOpen(String check) {
		return this.failing.contains(check);
	}

	/**
	 * @param check a check's name
	 * @return whether it can fail open: an enabled, critical check of one of the groups that fail open
	 */
	public boolean canFailOpen(String check) {
		return this.instance.canFailOpen(check);
	}

	/**
	 * Decides again for every check that fails open, waits for a delay's end, or is unhealthy here; called when a
	 * peer's state changed and when a check's report here changed. A decision taken here, or at the end of a delay
	 * ({@code health.fleet.fail-open.delay}), is told to the engine's listeners at once.
	 */
	public void recheck() {
		synchronized (this.transitions) {
			long now = this.nanoTime.getAsLong();
			Set<String> checks = new TreeSet<>(this.failing);
			checks.addAll(this.pending.keySet());
			for (String check : this.wereHealthy) {
				if (this.instance.state(check) == HealthState.UNHEALTHY) {
					checks.add(check);
				}
			}
			checks.forEach((check) -> decide(check, now));
		}
	}

	/** Under the transitions' lock: starts or ends failing open once the condition held for the delay. */
	private void decide(String check, long now) {
		boolean unhealthyHere = this.wereHealthy.contains(check)
				&& this.instance.state(check) == HealthState.UNHEALTHY;
		String reason = unhealthyHere ? meets(check) : null;
		if (reason == null && unhealthyHere && this.failing.contains(check) && !this.pending.containsKey(check)) {
			// held: what the fleet last said with its quorum stands; an end that view already began goes on
			reason = held(check);
		}
		boolean start = reason != null;
		if (start == this.failing.contains(check)) {
			Pending stale = this.pending.remove(check);
			if (stale != null) {
				stale.cancel();
			}
			return;
		}
		Pending since = this.pending.computeIfAbsent(check, (name) -> new Pending(now));
		long left = this.settings.delay().toNanos() - (now - since.nanos);
		if (left > 0) {
			if (since.timer == null) {
				try {
					since.timer = this.instance.schedule(() -> delayEnded(check, since), Duration.ofNanos(left));
				}
				catch (RejectedExecutionException ex) {
					// the engine closed with the application: no decision is taken any more
				}
			}
			return;
		}
		this.pending.remove(check);
		since.cancel();
		if (start) {
			this.failing.add(check);
			publish(check, true, reason);
		}
		else {
			this.failing.remove(check);
			publish(check, false, counts(check, unhealthyHere));
		}
		this.instance.failOpenChanged();
	}

	private void delayEnded(String check, Pending since) {
		synchronized (this.transitions) {
			if (this.pending.get(check) == since) {
				since.timer = null;
				decide(check, this.nanoTime.getAsLong());
			}
		}
	}

	/** @return the counts as the reason reads them, if the fleet meets the threshold and quorum, else {@code null} */
	private @Nullable String meets(String check) {
		int[] peers = this.fleet.peerCounts(check);
		int reachable = peers[0] + 1;
		int unhealthy = peers[1] + 1;
		boolean meets = reachable >= this.settings.minInstances() && unhealthy >= this.settings.threshold() * reachable;
		return meets ? counts(unhealthy, reachable) : null;
	}

	/**
	 * @return the reason a check failing open keeps failing open while unknown peers take the quorum away (the
	 * instances watched would make it), else {@code null}
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

	/** Under the transitions' lock: logs and publishes on the notifier's thread, in the order of the decisions. */
	private void publish(String check, boolean failingOpen, String reason) {
		try {
			this.instance.publish(() -> {
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

	/** Since when a check's condition has differed from its decision, and the task that decides at the delay's end. */
	private static final class Pending {

		private final long nanos;

		private @Nullable Future<?> timer;

		Pending(long nanos) {
			this.nanos = nanos;
		}

		void cancel() {
			if (this.timer != null) {
				this.timer.cancel(false);
			}
		}

	}

	/**
	 * What the policy needs of this instance; the public constructor reads it from a {@link HealthEngine}.
	 */
	interface Instance {

		/**
		 * @param check a check's name
		 * @return its latest state here if it can fail open ({@link #canFailOpen}), else {@code null}
		 */
		@Nullable HealthState state(String check);

		/**
		 * @param check a check's name
		 * @return whether it is an enabled, critical check of one of the groups that fail open
		 */
		boolean canFailOpen(String check);

		/**
		 * Runs a task on the thread the events are published on, after every task queued before it.
		 * @param task the task
		 */
		void publish(Runnable task);

		/** Tells the engine's listeners that the groups may count a check differently now. */
		void failOpenChanged();

		/**
		 * Runs a short task once, after {@code delay}, on a thread that runs no listener of the application's.
		 * @param task the task
		 * @param delay how long from now
		 * @return the handle that cancels it
		 */
		Future<?> schedule(Runnable task, Duration delay);

	}

	/** This instance as its engine reports it. */
	private record EngineInstance(HealthEngine engine, Set<String> groups) implements Instance {

		@Override
		public @Nullable HealthState state(String check) {
			if (!canFailOpen(check)) {
				return null;
			}
			CheckOutcome outcome = this.engine.latestOutcome(check);
			return (outcome != null) ? outcome.state() : null;
		}

		@Override
		public boolean canFailOpen(String check) {
			return this.engine.isCritical(check) && !Collections.disjoint(this.engine.groupsOf(check), this.groups);
		}

		@Override
		public void publish(Runnable task) {
			this.engine.runOnNotifier(task);
		}

		@Override
		public void failOpenChanged() {
			this.engine.failOpenChanged();
		}

		@Override
		public Future<?> schedule(Runnable task, Duration delay) {
			return this.engine.schedule(task, delay);
		}

	}

	/**
	 * When readiness fails open ({@code health.fleet.fail-open.*}).
	 *
	 * @param threshold the share of reachable instances on which a check must be unhealthy (0 to 1)
	 * @param minInstances the fewest reachable instances, this one included, for failing open at all
	 * @param groups the groups that fail open
	 * @param delay how long the condition must hold before failing open starts, and be false before it ends
	 */
	public record Settings(double threshold, int minInstances, Set<String> groups, Duration delay) {

		/** How long a decision waits unless told otherwise ({@code health.fleet.fail-open.delay}). */
		public static final Duration DEFAULT_DELAY = Duration.ofSeconds(1);

		/**
		 * @param threshold the share
		 * @param minInstances the quorum
		 * @param groups the groups
		 * @param delay the delay, zero or more
		 */
		public Settings {
			groups = Set.copyOf(groups);
			if (delay.isNegative()) {
				throw new IllegalArgumentException("delay must not be negative");
			}
		}

		/**
		 * Settings with the {@link #DEFAULT_DELAY}.
		 * @param threshold the share
		 * @param minInstances the quorum
		 * @param groups the groups
		 */
		public Settings(double threshold, int minInstances, Set<String> groups) {
			this(threshold, minInstances, groups, DEFAULT_DELAY);
		}

	}

}
