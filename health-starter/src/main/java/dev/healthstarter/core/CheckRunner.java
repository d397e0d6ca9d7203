package dev.healthstarter.core;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.AsyncTaskExecutor;

/**
 * Runs one check: this is where its timeout is applied, its outcome cached for the cache TTL, one in-flight
 * evaluation shared by every concurrent caller, and its results damped by its {@link StateThresholds}. A check
 * with an {@code interval} runs in the background instead, and its latest result is served until it is older than
 * {@code max-age}, when it is reported unhealthy.
 * <p>
 * At most one call of the check runs at any time: a call that outlives its timeout is reported unhealthy at
 * the timeout (and interrupted), and until it returns, later evaluations report it as still running instead of
 * calling the check again, so a hung check holds one thread, never more. Thread-safe.
 */
final class CheckRunner {

	private final String name;

	private final HealthCheck check;

	private final CheckSettings settings;

	private final long cacheTtlNanos;

	private final AsyncTaskExecutor executor;

	private final HealthEvaluationListener listener;

	private final Clock clock;

	private final StateThresholds thresholds;

	private @Nullable CheckOutcome latest;

	private @Nullable CompletableFuture<CheckOutcome> latestFuture;

	private long latestNanos;

	private @Nullable CompletableFuture<CheckOutcome> pending;

	private @Nullable Invocation running;

	private long lastResultNanos;

	private @Nullable ScheduledFuture<?> schedule;

	CheckRunner(String name, HealthCheck check, CheckSettings settings, Duration cacheTtl, AsyncTaskExecutor executor,
			HealthEvaluationListener listener, Clock clock) {
		this.name = name;
		this.check = check;
		this.settings = settings;
		this.cacheTtlNanos = cacheTtl.toNanos();
		this.executor = executor;
		this.listener = listener;
		this.clock = clock;
		this.thresholds = new StateThresholds(settings.failureThreshold(), settings.successThreshold());
	}

	String name() {
		return this.name;
	}

	HealthCheck check() {
		return this.check;
	}

	CheckSettings settings() {
		return this.settings;
	}

	/**
	 * The latest outcome, without evaluating.
	 * @return the latest outcome, or {@code null} before the first evaluation finished
	 */
	synchronized @Nullable CheckOutcome latest() {
		if (this.latest != null && this.settings.interval() != null) {
			reportIfStale(System.nanoTime());
		}
		return this.latest;
	}

	/**
	 * Runs the check every {@code interval} in the background, until {@link #cancel()}.
	 * @param scheduler the thread that triggers the runs (the runs themselves use the check executor)
	 */
	synchronized void schedule(ScheduledExecutorService scheduler) {
		Duration interval = Objects.requireNonNull(this.settings.interval());
		this.schedule = scheduler.scheduleWithFixedDelay(this::refresh, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
	}

	synchronized void cancel() {
		if (this.schedule != null) {
			this.schedule.cancel(false);
		}
	}

	/** A background run: starts a call unless one is still running. */
	private synchronized void refresh() {
		if (this.running == null && (this.pending == null || this.pending.isDone())) {
			start(System.nanoTime());
		}
	}

	/**
	 * The cached outcome while fresh, else the in-flight evaluation, else a new one.
	 * @return a future completed at the latest when the check's timeout elapses; never completed exceptionally
	 */
	synchronized CompletableFuture<CheckOutcome> evaluate() {
		long now = System.nanoTime();
		if (this.latestFuture != null && this.settings.interval() != null) {
			reportIfStale(now);
			return Objects.requireNonNull(this.latestFuture);
		}
		if (this.latestFuture != null && now - this.latestNanos < this.cacheTtlNanos) {
			return this.latestFuture;
		}
		if (this.pending != null && !this.pending.isDone()) {
			return this.pending;
		}
		if (this.running != null) {
			Duration elapsed = Duration.ofNanos(now - this.running.startNanos);
			String message = "timed out after " + Durations.format(this.settings.timeout())
					+ "; the previous call is still running after " + Durations.format(elapsed);
			return CompletableFuture.completedFuture(finish(HealthCheckResult.unhealthy(message), this.settings.timeout()));
		}
		return start(now);
	}

	private CompletableFuture<CheckOutcome> start(long startNanos) {
		Invocation invocation = new Invocation(startNanos);
		this.running = invocation;
		try {
			invocation.future = this.executor.submit(invocation);
		}
		catch (RejectedExecutionException ex) {
			this.running = null;
			invocation.result.complete(HealthCheckResult.unhealthy("not run: the check executor is shut down"));
		}
		long timeoutNanos = this.settings.timeout().toNanos();
		CompletableFuture<CheckOutcome> outcome = invocation.result.completeOnTimeout(null, timeoutNanos, TimeUnit.NANOSECONDS)
			.thenApply((result) -> (result != null) ? finish(result, Duration.ofNanos(System.nanoTime() - startNanos))
					: timedOut(invocation));
		this.pending = outcome;
		return outcome;
	}

	/** A background check whose results stopped coming is reported unhealthy once it is older than max-age. */
	private void reportIfStale(long now) {
		long age = now - this.lastResultNanos;
		Duration maxAge = Objects.requireNonNull(this.settings.maxAge());
		if (age > maxAge.toNanos() && this.latestNanos == this.lastResultNanos) {
			String message = "last result is " + Durations.format(Duration.ofNanos(age)) + " old, older than max-age "
					+ Durations.format(maxAge);
			finish(HealthCheckResult.unhealthy(message), Duration.ZERO, false);
		}
	}

	private CheckOutcome timedOut(Invocation invocation) {
		invocation.abandon();
		String message = "timed out after " + Durations.format(this.settings.timeout());
		return finish(HealthCheckResult.unhealthy(message), this.settings.timeout());
	}

	private CheckOutcome finish(HealthCheckResult result, Duration duration) {
		return finish(result, duration, true);
	}

	/**
	 * Records an outcome. A staleness report is not a result: it does not count towards thresholds, and leaves
	 * the age of the last result unchanged.
	 */
	private CheckOutcome finish(HealthCheckResult result, Duration duration, boolean isResult) {
		CheckOutcome outcome = new CheckOutcome(isResult ? this.thresholds.apply(result) : result, this.clock.instant(),
				duration);
		CheckOutcome previous;
		synchronized (this) {
			previous = this.latest;
			this.latest = outcome;
			this.latestFuture = CompletableFuture.completedFuture(outcome);
			this.latestNanos = System.nanoTime();
			if (isResult) {
				this.lastResultNanos = this.latestNanos;
			}
			this.pending = null;
		}
		this.listener.onEvaluated(this.name, previous, outcome);
		return outcome;
	}

	private synchronized void ended(Invocation invocation) {
		if (this.running == invocation) {
			this.running = null;
		}
	}

	private HealthCheckResult call() {
		try {
			HealthCheckResult result = this.check.check();
			return (result != null) ? result : HealthCheckResult.unhealthy("check returned null");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return HealthCheckResult.unhealthy("interrupted");
		}
		catch (Exception | Error ex) {
			return HealthCheckResult.unhealthy(Throwables.describe(ex));
		}
	}

	/** One call of the check; ends exactly once, whether it ran or was abandoned while queued. */
	private final class Invocation implements Runnable {

		private static final int QUEUED = 0;

		private static final int RUNNING = 1;

		private static final int ENDED = 2;

		private final AtomicInteger phase = new AtomicInteger(QUEUED);

		private final CompletableFuture<@Nullable HealthCheckResult> result = new CompletableFuture<>();

		private final long startNanos;

		private volatile @Nullable Future<?> future;

		Invocation(long startNanos) {
			this.startNanos = startNanos;
		}

		@Override
		public void run() {
			if (!this.phase.compareAndSet(QUEUED, RUNNING)) {
				return;
			}
			HealthCheckResult outcome;
			try {
				outcome = call();
			}
			finally {
				this.phase.set(ENDED);
				ended(this);
			}
			this.result.complete(outcome);
		}

		void abandon() {
			if (this.phase.compareAndSet(QUEUED, ENDED)) {
				ended(this);
			}
			else if (this.future != null) {
				this.future.cancel(true);
			}
		}

	}

}
