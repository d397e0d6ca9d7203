package dev.healthstarter.core;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckRegistry;
import dev.healthstarter.HealthState;
import dev.healthstarter.ReactiveHealthCheck;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * The health engine: the registry of checks, each run by its own {@link CheckRunner} (timeout, cache, single
 * flight, flap damping), and the aggregation of a group's checks, worst state wins.
 * <p>
 * An evaluation waits at most for the slowest check's timeout, never for the sum, and N concurrent callers within
 * one cache window cost one call of each check. A non-critical check contributes at worst
 * {@link HealthState#DEGRADED}. The group {@code null} means every check plus the liveness and readiness states
 * ({@code GET /health}). While nothing in a group changes, its evaluations return the same {@link HealthSnapshot}.
 * <p>
 * A check's runner exists from {@link #register} to {@link #unregister}: unregistering cancels its background runs,
 * and afterwards no call of it starts and nothing of it is recorded or published. Background checks run while the
 * engine is running ({@link SmartLifecycle}). The engine owns its threads: the check threads ({@link CheckExecutor}:
 * the probe groups' checks and the other checks each have their own, so monitoring never starves a probe's check;
 * an {@link AsyncHealthCheck} takes none), one scheduler thread ({@code health-scheduler}) that fires timeouts and
 * background runs, and one notifier thread ({@code health-notifier}) that tells
 * {@link HealthEvaluationListener listeners}, in order, what changed; all stop with {@link #close()}. Thread-safe.
 */
public final class HealthEngine implements HealthCheckRegistry, SmartLifecycle, AutoCloseable {

	private final Function<String, CheckSettings> settings;

	private final AvailabilityStates availability;

	private final EngineServices services;

	private final ScheduledThreadPoolExecutor scheduler;

	private volatile Map<String, CheckRunner> runners = Map.of();

	private final GroupAggregation aggregation;

	private final MaintenanceMode maintenance;

	private volatile boolean running;


	/**
	 * @param checks the checks to register at once, by name
	 * @param settings the settings of a check by name (called once per registration)
	 * @param cacheTtl how long a result is reused; zero disables caching (calls in flight are still shared)
	 * @param maxPlatformThreads most threads running the checks of liveness, readiness and startup at once, and, apart,
	 * most threads running the other checks at once
	 * @param limits the message and details limits
	 * @param availability the availability entries of the probe groups
	 * @param clock the clock for timestamps
	 * @throws IllegalArgumentException if a check's name is invalid or reserved
	 */
	public HealthEngine(Map<String, HealthCheck> checks, Function<String, CheckSettings> settings, Duration cacheTtl,
			int maxPlatformThreads, ResultLimits limits, AvailabilityStates availability, Clock clock) {
		this(checks, settings, cacheTtl, maxPlatformThreads, limits, availability,
				new MaintenanceMode(Set.of(HealthGroups.READINESS), clock), clock);
	}

	/**
	 * @param checks the checks to register at once, by name
	 * @param settings the settings of a check by name (called once per registration)
	 * @param cacheTtl how long a result is reused; zero disables caching (calls in flight are still shared)
	 * @param maxPlatformThreads most threads running the checks of liveness, readiness and startup at once, and, apart,
	 * most threads running the other checks at once
	 * @param limits the message and details limits
	 * @param availability the availability entries of the probe groups
	 * @param maintenance the maintenance entry of the groups it takes; its changes are told to the listeners
	 * @param clock the clock for timestamps
	 * @throws IllegalArgumentException if a check's name is invalid or reserved
	 */
	public HealthEngine(Map<String, HealthCheck> checks, Function<String, CheckSettings> settings, Duration cacheTtl,
			int maxPlatformThreads, ResultLimits limits, AvailabilityStates availability, MaintenanceMode maintenance,
			Clock clock) {
		this.settings = settings;
		this.availability = availability;
		this.maintenance = maintenance;
		this.aggregation = new GroupAggregation(availability, maintenance);
		this.scheduler = new ScheduledThreadPoolExecutor(1, HealthExecutors.daemonThreads("health-scheduler"));
		this.scheduler.setRemoveOnCancelPolicy(true);
		this.services = new EngineServices(CheckExecutor.forProbeGroups(maxPlatformThreads),
				CheckExecutor.forOtherChecks(maxPlatformThreads), this.scheduler, new HealthNotifier(), limits, clock,
				cacheTtl.toNanos());
		checks.forEach(this::register);
		availability.onChange(() -> this.services.notifier().publish(HealthEvaluationListener::onAvailabilityChanged));
		maintenance.onChange((previous, current, at) -> this.services.notifier()
			.publish((listener) -> listener.onMaintenanceChanged(previous, current, at)));
	}

	/**
	 * Sets when a group counts an unhealthy check as {@code degraded} (the fleet's fail-open); the next aggregation
	 * of each group applies it.
	 * @param failOpen the policy, {@link FailOpen#NEVER} by default
	 */
	public void failOpen(FailOpen failOpen) {
		this.aggregation.failOpen(failOpen);
	}

	/**
	 * @return the instance's maintenance mode, whose entry the groups it takes show
	 */
	public MaintenanceMode maintenance() {
		return this.maintenance;
	}

	/**
	 * Tells the listeners that the fail-open policy may now decide differently for a check though its report here
	 * did not change (a peer's state changed), so that streams and group state events follow the aggregation.
	 * Thread-safe; returns at once (listeners run on the notifier's thread).
	 */
	public void failOpenChanged() {
		this.services.notifier().publish(HealthEvaluationListener::onFailOpenChanged);
	}

	/**
	 * Runs a task on the engine's notifier thread, after every notification queued before it, so that events of the
	 * engine's collaborators (the fleet's fail-open) reach their listeners in order with the engine's own and never on
	 * a thread that serves requests, checks or links. Thread-safe; returns at once; a task that throws is logged once.
	 * @param task the task, for example publishing an application event
	 */
	public void runOnNotifier(Runnable task) {
		this.services.notifier().execute(task);
	}

	/**
	 * Adds a listener, told on the engine's notifier thread about registrations, calls and changes.
	 * @param listener the listener
	 */
	public void addListener(HealthEvaluationListener listener) {
		this.services.notifier().addListener(listener);
	}

	/**
	 * Registers a check with the settings configured for its name ({@code health.checks.<name>.*}).
	 * @throws IllegalArgumentException if the name is invalid or reserved
	 * @throws IllegalStateException if a check with that name is already registered
	 */
	@Override
	public void register(String name, HealthCheck check) {
		register(name, check, this.settings.apply(name));
	}

	/**
	 * Registers a check with explicit settings (for checks built from configuration, such as HTTP targets).
	 * @param name the check's name
	 * @param check the check
	 * @param settings how it runs
	 * @throws IllegalArgumentException if the name is invalid or reserved
	 * @throws IllegalStateException if a check with that name is already registered
	 */
	public synchronized void register(String name, HealthCheck check, CheckSettings settings) {
		Objects.requireNonNull(check, "check must not be null");
		CheckNames.requireValid(name);
		if (this.runners.containsKey(name)) {
			throw new IllegalStateException("A health check named '" + name + "' is already registered");
		}
		CheckRunner runner = new CheckRunner(name, check, settings, this.services);
		Map<String, CheckRunner> copy = new TreeMap<>(this.runners);
		copy.put(name, runner);
		this.runners = Collections.unmodifiableMap(copy);
		this.services.notifier().publish((listener) -> listener.onRegistered(name));
		if (this.running && isBackground(runner)) {
			runner.startSchedule();
		}
	}

	@Override
	public HealthCheck registerReactive(String name, ReactiveHealthCheck check) {
		HealthCheck registered = ReactiveChecks.adapt(check);
		register(name, registered);
		return registered;
	}

	/**
	 * Removes a check: its background runs stop, no call of it starts, and nothing of it is recorded, counted or
	 * published (to {@link HealthEvaluationListener listeners}) once this returns, even by a call that returns later.
	 * @return the removed check, or {@code null} if none was registered under that name
	 */
	@Override
	public @Nullable HealthCheck unregister(String name) {
		CheckRunner runner;
		@Nullable CheckCall neverRun;
		synchronized (this) {
			runner = this.runners.get(name);
			if (runner == null) {
				return null;
			}
			Map<String, CheckRunner> copy = new TreeMap<>(this.runners);
			copy.remove(name);
			this.runners = Collections.unmodifiableMap(copy);
			// closed before its removal is published, so onUnregistered is the last word about the check
			neverRun = runner.close();
			this.services.notifier().publish((listener) -> listener.onUnregistered(name));
		}
		// a group's last snapshot keeps no report of a removed check (a group gone with it is never evaluated again)
		this.aggregation.forget(name);
		// outside the engine's lock: answering a call's waiters runs their stages
		if (neverRun != null) {
			neverRun.settle();
		}
		return runner.check();
	}

	@Override
	public Map<String, HealthCheck> getAll() {
		Map<String, HealthCheck> checks = new LinkedHashMap<>();
		this.runners.forEach((name, runner) -> checks.put(name, runner.check()));
		return Collections.unmodifiableMap(checks);
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
	 * The settings a check runs with, as it was registered (configured, or given, as an HTTP target's are).
	 * @param name the check's name
	 * @return its settings, or {@code null} when no check of that name is registered
	 */
	public @Nullable CheckSettings settingsOf(String name) {
		CheckRunner runner = this.runners.get(name);
		return (runner != null) ? runner.settings() : null;
	}

	/**
	 * Whether a check can make its groups unhealthy ({@code health.checks.<name>.critical}).
	 * @param name the check's name
	 * @return {@code false} for a registered check that contributes at worst {@code degraded}, else {@code true}
	 */
	public boolean isCritical(String name) {
		CheckRunner runner = this.runners.get(name);
		return runner == null || runner.settings().critical();
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
	 * Evaluates a group: fresh results are reused, the rest run in parallel.
	 * @param group the group, or {@code null} for every check
	 * @return a future that completes, never exceptionally, within the longest timeout of the group's checks
	 * (at once when every result is fresh); it may complete on a check or scheduler thread, so dependent stages
	 * that do real work belong on the caller's own executor
	 */
	public CompletableFuture<HealthSnapshot> evaluate(@Nullable String group) {
		List<CheckRunner> scope = scope(group);
		List<CompletableFuture<@Nullable CheckOutcome>> futures = new ArrayList<>(scope.size());
		boolean allDone = true;
		for (CheckRunner runner : scope) {
			CompletableFuture<@Nullable CheckOutcome> future = runner.evaluate();
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
	 * Evaluates one check: its fresh result, else the call in flight, else a new call (as {@link #evaluate} does for
	 * each check of a group).
	 * @param name the check's name
	 * @return the caller's own future (cancelling it, as {@code Mono.fromFuture(...).timeout(...)} does, fails no
	 * other caller of the same call), which completes, never exceptionally, within the check's timeout (at once when
	 * its result is fresh or its last call timed out); its value is {@code null} when the check is unknown, disabled
	 * ({@code health.checks.<name>.enabled=false}: neither run nor shown) or was unregistered before its first
	 * result. It may complete on a check or scheduler thread.
	 */
	public CompletableFuture<@Nullable CheckOutcome> evaluateCheck(String name) {
		CheckRunner runner = this.runners.get(name);
		return (runner != null && runner.settings().enabled()) ? runner.evaluate()
				: CompletableFuture.completedFuture(null);
	}

	/**
	 * The group's state from what its checks report now, without running any check (for metrics).
	 * @param group the group, or {@code null} for every check
	 * @return the snapshot; checks without a result yet are left out
	 */
	public HealthSnapshot latest(@Nullable String group) {
		List<CheckRunner> scope = scope(group);
		List<@Nullable CheckOutcome> outcomes = new ArrayList<>(scope.size());
		scope.forEach((runner) -> outcomes.add(runner.latest()));
		return this.aggregation.aggregate(group, scope, outcomes);
	}

	/**
	 * The group's state from what its members report now, without running any check (for metrics and state-change
	 * logs): unknown until every member has a result, each check of the group and each of Spring's availability
	 * states it shows ({@link AvailabilityStates#isKnown}).
	 * @param group the group, or {@code null} for every check
	 * @return the aggregated state, or {@code null} while a member has no result yet
	 */
	public @Nullable HealthState latestStatus(@Nullable String group) {
		List<CheckRunner> scope = scope(group);
		List<@Nullable CheckOutcome> outcomes = new ArrayList<>(scope.size());
		for (CheckRunner runner : scope) {
			CheckOutcome outcome = runner.latest();
			if (outcome == null) {
				return null;
			}
			outcomes.add(outcome);
		}
		return this.availability.isKnown(group) ? this.aggregation.aggregate(group, scope, outcomes).status() : null;
	}

	/**
	 * What one check reports now, without running it.
	 * @param name the check's name
	 * @return the report, or {@code null} if the check is unknown or has no result yet
	 */
	public @Nullable CheckOutcome latestOutcome(String name) {
		CheckRunner runner = this.runners.get(name);
		return (runner != null) ? runner.latest() : null;
	}

	/**
	 * Runs a short task of the starter's own (never a check) every {@code interval} on the engine's scheduler. A run
	 * that throws, an {@link Error} included, is logged and ends that run only (see {@link PeriodicTask}).
	 * @param description what the task does, for the log line when a run fails
	 * @param task the task; must return quickly
	 * @param interval the delay between the end of one run and the start of the next
	 * @return the handle that cancels it
	 */
	public ScheduledFuture<?> scheduleWithFixedDelay(String description, Runnable task, Duration interval) {
		return this.scheduler.scheduleWithFixedDelay(PeriodicTask.surviving(description, task), 0, interval.toNanos(),
				TimeUnit.NANOSECONDS);
	}

	/**
	 * Runs a short task of the starter's own (never a check) once, after {@code delay}, on the engine's scheduler.
	 * @param task the task; must return quickly, and never runs a listener of the application's
	 * @param delay how long from now
	 * @return the handle that cancels it
	 * @throws java.util.concurrent.RejectedExecutionException once the engine is closed
	 */
	public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
		return this.scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
	}

	/** Starts the background runs of checks with an {@code interval}. */
	@Override
	public synchronized void start() {
		this.running = true;
		this.runners.values().stream().filter(HealthEngine::isBackground).forEach(CheckRunner::startSchedule);
	}

	/**
	 * Stops the background runs: once this returns no background call starts, not even one that a run under way
	 * launched or that still waits for a thread; calls already running finish on their own.
	 */
	@Override
	public synchronized void stop() {
		this.running = false;
		this.runners.values().forEach(CheckRunner::stopSchedule);
	}

	/**
	 * Starts before the web server ({@code DEFAULT_PHASE - 2048}), so background checks run before traffic comes,
	 * and stops after it; the beans that use the engine (stream broadcaster, shutdown drain) stop in their own,
	 * earlier phases.
	 */
	@Override
	public int getPhase() {
		return DEFAULT_PHASE - 4096;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stops the background runs and the engine's threads, interrupting checks still running. */
	@Override
	public void close() {
		stop();
		this.runners.values().forEach(CheckRunner::abort);
		this.scheduler.shutdownNow();
		this.services.probeChecks().close();
		this.services.otherChecks().close();
		this.services.notifier().close();
	}

	private static boolean isBackground(CheckRunner runner) {
		return runner.settings().interval() != null && runner.settings().enabled();
	}

	private HealthSnapshot snapshot(@Nullable String group, List<CheckRunner> scope,
			List<CompletableFuture<@Nullable CheckOutcome>> futures) {
		List<@Nullable CheckOutcome> outcomes = new ArrayList<>(futures.size());
		futures.forEach((future) -> outcomes.add(future.join()));
		return this.aggregation.aggregate(group, scope, outcomes);
	}

	private List<CheckRunner> scope(@Nullable String group) {
		Map<String, CheckRunner> runners = this.runners;
		List<CheckRunner> scope = new ArrayList<>(runners.size());
		for (CheckRunner runner : runners.values()) {
			CheckSettings settings = runner.settings();
			if (settings.enabled() && (group == null || settings.groups().contains(group))) {
				scope.add(runner);
			}
		}
		return scope;
	}

}
