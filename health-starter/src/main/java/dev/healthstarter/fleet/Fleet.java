package dev.healthstarter.fleet;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import dev.healthstarter.HealthState;
import dev.healthstarter.core.CheckOutcome;
import dev.healthstarter.core.HealthSnapshot;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The fleet as this instance sees it: its own state, read from the engine whenever asked, and the last state each
 * watched peer sent over its link (at most one per {@code health.fleet.coalesce}, {@link PeerLink}). Peers are kept
 * by key, the authority ({@code host:port}) they are reached by. Thread-safe: links report from the fleet's thread;
 * listeners run on the reporting thread, with no lock held.
 */
public final class Fleet {

	private static final Log logger = LogFactory.getLog(Fleet.class);

	private final Supplier<HealthSnapshot> self;

	private final double threshold;

	private final Clock clock;

	private final ConcurrentMap<String, InstanceState> peers = new ConcurrentHashMap<>();

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	private volatile String selfKey = "self";

	private volatile int members = 1;

	/** This instance's state as last recorded, and since when, for its {@code since}. */
	private final AtomicReference<@Nullable SelfSince> selfSince = new AtomicReference<>();

	/**
	 * @param self this instance's overall snapshot (the engine's latest)
	 * @param threshold the share of reachable instances that, unhealthy, makes the fleet unhealthy (0 to 1)
	 * @param clock the clock for {@code since} and {@code seen}
	 */
	public Fleet(Supplier<HealthSnapshot> self, double threshold, Clock clock) {
		this.self = self;
		this.threshold = threshold;
		this.clock = clock;
	}

	/**
	 * Calls {@code listener} after any peer's state changed (not after a heartbeat).
	 * @param listener the listener, run on the thread that reported the change
	 */
	public void addListener(Runnable listener) {
		this.listeners.add(listener);
	}

	/**
	 * Sets who is in the fleet: peers no longer watched are forgotten, new ones are unknown until they report.
	 * @param selfKey this instance's key
	 * @param members how many instances the membership source lists, this one included
	 * @param watched the keys of the peers watched (this instance excluded)
	 */
	void membership(String selfKey, int members, Collection<String> watched) {
		this.selfKey = selfKey;
		this.members = members;
		Set<String> keep = new HashSet<>(watched);
		boolean changed = this.peers.keySet().retainAll(keep);
		Instant now = this.clock.instant();
		for (String key : keep) {
			changed |= this.peers.putIfAbsent(key, new InstanceState(null, Map.of(), now, null, false)) == null;
		}
		if (changed) {
			changed();
		}
	}

	/**
	 * @return how many instances the membership source lists, this one included (1 until it was first read)
	 */
	public int members() {
		return this.members;
	}

	/**
	 * A peer's frame arrived.
	 * @param key the peer
	 * @param status its overall state
	 * @param checks its checks' states
	 */
	void report(String key, HealthState status, Map<String, HealthState> checks) {
		Instant now = this.clock.instant();
		boolean[] changed = new boolean[1];
		// one atomic step: a heartbeat heard meanwhile on another thread never makes a report go missing
		this.peers.computeIfPresent(key, (peer, before) -> {
			changed[0] = before.status() != status || !before.checks().equals(checks);
			Instant since = (before.status() == status) ? before.since() : now;
			return new InstanceState(status, checks, since, now, false);
		});
		if (changed[0]) {
			changed();
		}
	}

	/**
	 * A heartbeat (or any line) arrived from a peer.
	 * @param key the peer
	 */
	void heard(String key) {
		Instant now = this.clock.instant();
		this.peers.computeIfPresent(key,
				(peer, state) -> new InstanceState(state.status(), state.checks(), state.since(), now, false));
	}

	/**
	 * A peer's link ended or went silent: it is unknown until it reports again.
	 * @param key the peer
	 */
	void lost(String key) {
		Instant now = this.clock.instant();
		boolean[] changed = new boolean[1];
		this.peers.computeIfPresent(key, (peer, before) -> {
			changed[0] = !before.unknown();
			return changed[0] ? new InstanceState(null, before.checks(), now, before.seen(), false) : before;
		});
		if (changed[0]) {
			changed();
		}
	}

	/**
	 * How the reachable peers (unknown ones and those in maintenance left out, this instance too) report a check now.
	 * @param check the check's name
	 * @return {@code [reachable peers, peers reporting it unhealthy, unknown peers]}
	 */
	int[] peerCounts(String check) {
		int reachable = 0;
		int unhealthy = 0;
		int unknown = 0;
		for (InstanceState peer : this.peers.values()) {
			if (peer.maintenance()) {
				continue;
			}
			if (!peer.unknown()) {
				reachable++;
				unhealthy += (peer.checks().get(check) == HealthState.UNHEALTHY) ? 1 : 0;
			}
			else {
				unknown++;
			}
		}
		return new int[] { reachable, unhealthy, unknown };
	}

	/**
	 * How many instances are in a state now, without building a {@link #snapshot()}: for a gauge read at every
	 * scrape. Thread-safe.
	 * @param status {@code healthy}, {@code degraded}, {@code unhealthy}, {@code unknown} or {@code maintenance}, as
	 * {@link InstanceState#statusValue()} gives it
	 * @return the instances in that state, this one included
	 */
	public long instances(String status) {
		long count = this.peers.values().stream().map(InstanceState::statusValue).filter(status::equals).count();
		HealthSnapshot self = this.self.get();
		String selfStatus = (self.maintenance() != null) ? "maintenance" : self.status().value();
		return count + (status.equals(selfStatus) ? 1 : 0);
	}

	/**
	 * @return the fleet now: this instance read from the engine, the peers as last reported
	 */
	public FleetSnapshot snapshot() {
		Map<String, InstanceState> instances = new TreeMap<>(this.peers);
		instances.put(this.selfKey, selfState());
		HealthState status = HealthState.HEALTHY;
		int reachable = 0;
		int unhealthy = 0;
		Map<String, Map<String, Integer>> checks = new TreeMap<>();
		for (InstanceState instance : instances.values()) {
			HealthState state = instance.status();
			if (state == null || instance.maintenance()) {
				status = status.worse(HealthState.DEGRADED);
				continue;
			}
			reachable++;
			unhealthy += (state == HealthState.UNHEALTHY) ? 1 : 0;
			status = status.worse((state == HealthState.HEALTHY) ? HealthState.HEALTHY : HealthState.DEGRADED);
			instance.checks()
				.forEach((name, checkState) -> checks.computeIfAbsent(name, (key) -> new LinkedHashMap<>())
					.merge(checkState.value(), 1, Integer::sum));
		}
		if (reachable > 0 && unhealthy >= this.threshold * reachable) {
			status = HealthState.UNHEALTHY;
		}
		return new FleetSnapshot(status, instances, checks, instances.size() - 1, this.members);
	}

	private InstanceState selfState() {
		while (true) {
			// read before the engine: a reader whose engine read predates another's recorded change retries
			SelfSince last = this.selfSince.get();
			HealthSnapshot snapshot = this.self.get();
			Instant now = this.clock.instant();
			boolean same = last != null && last.status() == snapshot.status();
			if (same || this.selfSince.compareAndSet(last, new SelfSince(snapshot.status(), now))) {
				Map<String, HealthState> checks = new TreeMap<>();
				for (Map.Entry<String, CheckOutcome> check : snapshot.checks().entrySet()) {
					checks.put(check.getKey(), check.getValue().state());
				}
				return new InstanceState(snapshot.status(), checks, same ? last.since() : now, now, true);
			}
		}
	}

	private record SelfSince(HealthState status, Instant since) {
	}

	private void changed() {
		for (Runnable listener : this.listeners) {
			try {
				listener.run();
			}
			catch (RuntimeException ex) {
				// runs on a link's thread: thrown on, it would end the link's exchange, or its reconnect
				logger.warn("A fleet listener failed", ex);
			}
		}
	}

}
