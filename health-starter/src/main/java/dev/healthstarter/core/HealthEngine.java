package dev.healthstarter.core;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckRegistry;
import dev.healthstarter.HealthState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.AsyncTaskExecutor;

/**
 * Evaluates the registered checks of a group in parallel and aggregates them, worst state wins.
 * <p>
 * Each check runs through its own {@link CheckRunner} (timeout, cache, single flight), so an evaluation waits at
 * most for the slowest check's timeout, never for the sum, and N concurrent callers within one cache window
 * cost one call of each check. A non-critical check contributes at worst {@link HealthState#DEGRADED}. The
 * group {@code null} means every check plus the liveness and readiness states ({@code GET /health}). While no
 * outcome of a group changes, its evaluations return the same {@link HealthSnapshot} instance.
 * <p>
 * Owns a private executor ({@link HealthExecutors}) and, once a check has an {@code interval}, a scheduler thread
 * that triggers its background runs; both stop with {@link #close()}. Thread-safe.
 */
public final class HealthEngine implements SmartLifecycle, AutoCloseable {

	private static final Log logger = LogFactory.getLog(HealthEngine.class);

	private final HealthCheckRegistry registry;

	private final Function<String, CheckSettings> settings;

	private final Duration cacheTtl;

	private final AvailabilityStates availability;

	private final Clock clock;

	private final AsyncTaskExecutor executor;

	private final ConcurrentMap<String, CheckRunner> runners = new ConcurrentHashMap<>();

	private final List<HealthEvaluationListener> listeners = new CopyOnWriteArrayList<>();

	private final ConcurrentMap<String, HealthSnapshot> lastSnapshots = new ConcurrentHashMap<>();

	private volatile @Nullable ScheduledExecutorService scheduler;

	private volatile boolean running;

	/**
	 * @param registry the checks
	 * @param settings the settings of a check by name (called once per registered check)
	 * @param cacheTtl how long an outcome is reused; zero disables caching (calls in flight are still shared)
	 * @param maxPlatformThreads most threads running checks at once on Java 17 to 20
	 * @param availability the availability entries of the probe groups
	 * @param clock the clock for {@code checkedAt} timestamps
	 */
	public HealthEngine(HealthCheckRegistry registry, Function<String, CheckSettings> settings, Duration cacheTtl,
			int maxPlatformThreads, AvailabilityStates availability, Clock clock) {
		this.registry = registry;
		this.settings = settings;
		this.cacheTtl = cacheTtl;
		this.availability = availability;
		this.clock = clock;
		this.executor = HealthExecutors.create("health-check-", maxPlatformThreads);
	}

	/**
	 * Adds a listener told about every finished evaluation.
	 * @param listener the listener
	 */
	public void addListener(HealthEvaluationListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * The groups that exist: the built-in ones plus every group an enabled check names.
	 * @return group names, sorted
	 */
	public Set<String> groups() {
		Set<String> groups = new TreeSet<>(HealthGroups.BUILT_IN);
		for (CheckRunner runner : scope(null)) {
			groups.addAll(runner.settings().groups());
		}
		return groups;
	}

	/**
	 * Whether a group exists, without building the set of all groups (asked on every group request).
	 * @param group the group's name
	 * @return {@code true} for a built-in group or one that an enabled check names
	 */
	public boolean hasGroup(String group) {
		if (HealthGroups.BUILT_IN.contains(group)) {
			return true;
		}
		for (CheckRunner runner : scope(null)) {
			if (runner.settings().groups().contains(group)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The groups one check belongs to.
	 * @param name the check's name
	 * @return its groups, empty when the check is unknown or disabled
	 */
	public Set<String> groupsOf(String name) {
		CheckRunner runner = this.runners.get(name);
		return (runner != null && runner.settings().enabled()) ? runner.settings().groups() : Set.of();
	}

	/**
	 * Names of the enabled checks.
	 * @return check names, sorted
	 */
	public Set<String> checkNames() {
		Set<String> names = new TreeSet<>();
		scope(null).forEach((runner) -> names.add(runner.name()));
		return names;
	}

	/**
	 * Evaluates a group: fresh cached outcomes are reused, the rest run in parallel.
	 * @param group the group, or {@code null} for every check
	 * @return a future that completes, never exceptionally, within the longest timeout of the group's checks
	 * (at once when every outcome is cached)
	 */
	public CompletableFuture<HealthSnapshot> evaluate(@Nullable String group) {
		List<CheckRunner> scope = scope(group);
		List<CompletableFuture<CheckOutcome>> futures = new ArrayList<>(scope.size());
		boolean allDone = true;
		for (CheckRunner runner : scope) {
			CompletableFuture<CheckOutcome> future = runner.evaluate();
			allDone &= future.isDone();
			futures.add(future);
		}
		if (allDone) {
			return CompletableFuture.completedFuture(snapshot(group, scope, futures));
		}
		return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
			.thenApply((ignored) -> snapshot(group, scope, futures));
	}

	/**
	 * The group's state from the latest outcomes, without running any check (for metrics).
	 * @param group the group, or {@code null} for every check
	 * @return the snapshot; checks never evaluated yet are left out
	 */
	public HealthSnapshot latest(@Nullable String group) {
		List<CheckRunner> scope = scope(group);
		List<@Nullable CheckOutcome> outcomes = new ArrayList<>(scope.size());
		scope.forEach((runner) -> outcomes.add(runner.latest()));
		return aggregate(group, scope, outcomes);
	}

	/**
	 * The latest outcome of one check, without running it.
	 * @param name the check's name
	 * @return the outcome, or {@code null} if the check is unknown or was never evaluated
	 */
	public @Nullable CheckOutcome latestOutcome(String name) {
		CheckRunner runner = this.runners.get(name);
		return (runner != null && this.registry.getAll().get(name) == runner.check()) ? runner.latest() : null;
	}

	/** Starts the background runs of checks with an {@code interval}; checks registered later start on first use. */
	@Override
	public void start() {
		this.running = true;
		scope(null);
	}

	@Override
	public void stop() {
		this.running = false;
	}

	/**
	 * Starts before the web server ({@code DEFAULT_PHASE - 2048}), so background checks run before traffic comes,
	 * and stops after it; the beans that use the engine (stream broadcaster, shutdown drain) stop in their own,
	 * earlier phases. Spring stops a lifecycle bean's dependents with it, so a high phase here would end the
	 * streams before the drain.
	 */
	@Override
	public int getPhase() {
		return DEFAULT_PHASE - 4096;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stops the background runs and the private executor, interrupting checks still running. */
	@Override
	public void close() {
		ScheduledExecutorService scheduler = this.scheduler;
		if (scheduler != null) {
			scheduler.shutdownNow();
		}
		HealthExecutors.shutdown(this.executor);
	}

	private HealthSnapshot snapshot(@Nullable String group, List<CheckRunner> scope,
			List<CompletableFuture<CheckOutcome>> futures) {
		List<@Nullable CheckOutcome> outcomes = new ArrayList<>(futures.size());
		futures.forEach((future) -> outcomes.add(future.join()));
		return aggregate(group, scope, outcomes);
	}

	/**
	 * Aggregates outcomes; returns the group's previous snapshot instance when every entry is the same outcome
	 * instance as in it, so callers can reuse what they derived from it (a serialized body).
	 */
	private HealthSnapshot aggregate(@Nullable String group, List<CheckRunner> scope,
			List<@Nullable CheckOutcome> outcomes) {
		Map<String, CheckOutcome> checks = new LinkedHashMap<>();
		HealthState status = HealthState.HEALTHY;
		for (int i = 0; i < scope.size(); i++) {
			CheckOutcome outcome = outcomes.get(i);
			if (outcome != null) {
				CheckRunner runner = scope.get(i);
				checks.put(runner.name(), outcome);
				boolean capped = !runner.settings().critical() && outcome.state() == HealthState.UNHEALTHY;
				status = status.worse(capped ? HealthState.DEGRADED : outcome.state());
			}
		}
		Map<String, CheckOutcome> states = new LinkedHashMap<>();
		this.availability.addEntries(group, states);
		for (CheckOutcome outcome : states.values()) {
			status = status.worse(outcome.state());
		}
		checks.putAll(states);
		String key = (group != null) ? group : "";
		HealthSnapshot previous = this.lastSnapshots.get(key);
		if (previous != null && previous.status() == status && sameOutcomes(previous.checks(), checks)) {
			return previous;
		}
		HealthSnapshot snapshot = new HealthSnapshot(status, checks);
		this.lastSnapshots.put(key, snapshot);
		return snapshot;
	}

	private static boolean sameOutcomes(Map<String, CheckOutcome> previous, Map<String, CheckOutcome> current) {
		if (previous.size() != current.size()) {
			return false;
		}
		var left = previous.entrySet().iterator();
		for (Map.Entry<String, CheckOutcome> right : current.entrySet()) {
			Map.Entry<String, CheckOutcome> entry = left.next();
			if (!entry.getKey().equals(right.getKey()) || entry.getValue() != right.getValue()) {
				return false;
			}
		}
		return true;
	}

	private List<CheckRunner> scope(@Nullable String group) {
		Map<String, HealthCheck> checks = this.registry.getAll();
		List<CheckRunner> scope = new ArrayList<>(checks.size());
		checks.forEach((name, check) -> {
			CheckRunner runner = runner(name, check);
			CheckSettings settings = runner.settings();
			if (settings.enabled() && (group == null || settings.groups().contains(group))) {
				scope.add(runner);
			}
		});
		return scope;
	}

	private CheckRunner runner(String name, HealthCheck check) {
		CheckRunner runner = this.runners.get(name);
		if (runner != null && runner.check() == check) {
			return runner;
		}
		return this.runners.compute(name, (key, existing) -> {
			if (existing != null && existing.check() == check) {
				return existing;
			}
			if (existing != null) {
				existing.cancel();
			}
			CheckRunner created = new CheckRunner(name, check, this.settings.apply(name), this.cacheTtl, this.executor,
					this::notifyListeners, this.clock);
			if (created.settings().interval() != null && created.settings().enabled()) {
				created.schedule(scheduler());
			}
			return created;
		});
	}

	private synchronized ScheduledExecutorService scheduler() {
		if (this.scheduler == null) {
			this.scheduler = HealthExecutors.newScheduler("health-check-scheduler");
		}
		return this.scheduler;
	}

	private void notifyListeners(String name, @Nullable CheckOutcome previous, CheckOutcome outcome) {
		for (HealthEvaluationListener listener : this.listeners) {
			try {
				listener.onEvaluated(name, previous, outcome);
			}
			catch (RuntimeException ex) {
				logger.warn("Health evaluation listener " + listener + " failed for check '" + name + "'", ex);
			}
		}
	}

}
