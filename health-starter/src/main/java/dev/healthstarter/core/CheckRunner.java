package dev.healthstarter.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import org.jspecify.annotations.Nullable;

/**
 * Runs one check, from {@code register} to {@code unregister}: this is where its timeout is applied, its result
 * cached for the cache TTL, one call in flight shared by every concurrent caller, and its results damped by its
 * {@link StateThresholds}. A check with an {@code interval} runs in the background instead.
 * <p>
 * It stores facts only: the last real result (a call that returned, threw, or ran past its timeout; damped once
 * when it arrives) with when it was produced, and the call in flight. What it reports is derived from those when
 * read: a background result older than {@code max-age} is reported {@code unhealthy} ("no result since ..."), and
 * a call still running past its timeout once the timeout result is older than the cache TTL is reported
 * {@code unhealthy} ("still running since ..."), with message texts that stay the same while the facts do. A call
 * that ignored its timeout is never joined by another: a hung check holds one thread, never more. Callers wait for
 * a call only while the check's last call did not time out, so a hanging dependency delays one answer per outage.
 * <p>
 * Its lock guards only those facts: no user code, listener or other runner's lock runs under it. Notifications
 * are queued to the engine's notifier under it, which keeps them in order for this check. Thread-safe.
 */
final class CheckRunner {

	private final String name;

	private final HealthCheck check;

	private final CheckSettings settings;

	private final EngineServices services;

	private final StateThresholds thresholds;

	private @Nullable Result last;

	private @Nullable CheckCall call;

	/** The report last handed out and what it was derived from: reused while both stay the same. */
	private @Nullable Shown shown;

	private @Nullable ScheduledFuture<?> schedule;

	private boolean closed;

	CheckRunner(String name, HealthCheck check, CheckSettings settings, EngineServices services) {
		this.name = name;
		this.check = check;
		this.settings = settings;
		this.services = services;
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
	 * What the check reports now, without calling it.
	 * @return the report, or {@code null} before its first result
	 */
	synchronized @Nullable CheckOutcome latest() {
		return report(System.nanoTime());
	}

	/**
	 * The fresh result, else the call in flight, else a new call. A check whose last call timed out does not make
	 * its callers wait for the next one: they get the timed-out result at once while the next call (started once
	 * the result is older than the cache TTL) runs, so a dependency that hangs costs one timeout per outage, not one
	 * per cache TTL.
	 * @return a future completed at the latest when the check's timeout fires, never exceptionally; its value is
	 * {@code null} only for a check unregistered before its first result
	 */
	CompletableFuture<@Nullable CheckOutcome> evaluate() {
		long now = System.nanoTime();
		CheckCall started;
		CompletableFuture<@Nullable CheckOutcome> answer;
		synchronized (this) {
			Result last = this.last;
			boolean fresh = last != null && (this.settings.interval() != null
					|| now - last.nanos < this.services.cacheTtlNanos() || (this.call != null && this.call.isAbandoned()));
			if (this.closed || fresh) {
				return CompletableFuture.completedFuture(report(now));
			}
			boolean wait = last == null || !last.timedOut;
			if (this.call != null) {
				return wait ? this.call.outcome : CompletableFuture.completedFuture(report(now));
			}
			started = newCall(now);
			answer = wait ? started.outcome : CompletableFuture.completedFuture(report(now));
		}
		launch(started);
		return answer;
	}

	/** Runs the check every {@code interval} until {@link #close()}; the first run is at once. */
	synchronized void startSchedule() {
		Duration interval = Objects.requireNonNull(this.settings.interval());
		if (!this.closed && this.schedule == null) {
			this.schedule = this.services.scheduler()
				.scheduleWithFixedDelay(this::refresh, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	/** Stops the background runs (the context is stopping); {@link #startSchedule()} may resume them. */
	synchronized void stopSchedule() {
		if (this.schedule != null) {
			this.schedule.cancel(false);
			this.schedule = null;
		}
	}

	/** The check was unregistered: no call starts any more and its results are no longer recorded. */
	void close() {
		CheckCall queued;
		synchronized (this) {
			this.closed = true;
			stopSchedule();
			queued = (this.call != null && this.call.cancelIfQueued()) ? this.call : null;
		}
		if (queued != null) {
			this.services.executor().removeQueued(queued);
			returned(queued, new Returned(HealthCheckResult.unhealthy("not run: the check was unregistered"), null), 0);
		}
	}

	/** The engine is closing: no call starts any more, and whoever waits for the call in flight gets an answer. */
	void abort() {
		CheckCall call;
		synchronized (this) {
			this.closed = true;
			stopSchedule();
			call = this.call;
			if (call == null || !call.resolve()) {
				return;
			}
		}
		call.outcome.complete(latest());
	}

	/**
	 * Called by a check thread about to run the call: it starts unless the check was unregistered meanwhile.
	 * @param call the call
	 * @return whether to run it
	 */
	synchronized boolean mayStart(CheckCall call) {
		if (this.closed) {
			call.cancelIfQueued();
			return false;
		}
		return call.start();
	}

	/** A background run: reports staleness, and starts a call unless one is still running. */
	private void refresh() {
		long now = System.nanoTime();
		CheckCall started;
		synchronized (this) {
			report(now);
			if (this.closed || this.call != null) {
				return;
			}
			started = newCall(now);
		}
		launch(started);
	}

	private CheckCall newCall(long now) {
		CheckCall call = new CheckCall(this, now, this.services.clock().instant());
		this.call = call;
		return call;
	}

	/** Arms the timeout on the engine's scheduler, then hands the call to a check thread; never under the lock. */
	private void launch(CheckCall call) {
		try {
			call.timeout(this.services.scheduler()
				.schedule(() -> timedOut(call), this.settings.timeout().toNanos(), TimeUnit.NANOSECONDS));
			this.services.executor().execute(call);
		}
		catch (RejectedExecutionException ex) {
			call.cancelIfQueued();
			returned(call, new Returned(HealthCheckResult.unhealthy("not run: the health engine is shut down"), null), 0);
		}
	}

	/** Called by the call's thread: the check's result, cut to size and its details written, within the timeout. */
	Returned invoke() {
		HealthCheckResult result;
		Throwable failure = null;
		try {
			result = this.check.check();
			if (result == null) {
				result = HealthCheckResult.unhealthy("check returned null");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			result = HealthCheckResult.unhealthy("interrupted");
		}
		catch (Throwable ex) {
			result = HealthCheckResult.unhealthy(Throwables.describe(ex));
			failure = ex;
		}
		ResultLimits limits = this.services.limits();
		HealthCheckResult cut = limits.cut(result);
		return new Returned(cut, limits.detailsJson(cut.details()), failure);
	}

	/** The call's thread returned; a call abandoned at its timeout only gives its thread back. */
	void returned(CheckCall call, Returned returned, long durationNanos) {
		call.cancelTimeout();
		CheckOutcome outcome = null;
		synchronized (this) {
			if (call.isAbandoned()) {
				this.services.executor().giveBack();
			}
			if (this.call == call) {
				this.call = null;
			}
			if (call.resolve() && !this.closed) {
				outcome = record(returned.result(), returned.detailsJson(), returned.failure(),
						Duration.ofNanos(durationNanos), false);
			}
		}
		if (!call.outcome.isDone()) {
			call.outcome.complete((outcome != null) ? outcome : latest());
		}
	}

	/** The timeout fired on the engine's scheduler: the call's result is "timed out", unless it already returned. */
	private void timedOut(CheckCall call) {
		CheckOutcome outcome;
		synchronized (this) {
			if (call.hasEnded() || !call.resolve()) {
				return;
			}
			String message;
			if (call.cancelIfQueued()) {
				this.services.executor().removeQueued(call);
				this.call = null;
				message = "not started within " + Durations.format(this.settings.timeout()) + ": "
						+ this.services.executor().busyReason();
			}
			else {
				call.abandon();
				call.interrupt();
				this.services.executor().lend();
				message = "timed out after " + Durations.format(this.settings.timeout());
			}
			if (this.closed) {
				outcome = null;
			}
			else {
				outcome = record(HealthCheckResult.unhealthy(message), null, null, this.settings.timeout(), true);
			}
		}
		call.outcome.complete(outcome);
	}

	/** Stores a real result, damped against what the check reported until now, and queues its notifications. */
	private CheckOutcome record(HealthCheckResult result, @Nullable String detailsJson, @Nullable Throwable failure,
			Duration duration, boolean timedOut) {
		long now = System.nanoTime();
		CheckOutcome before = report(now);
		HealthCheckResult damped = this.thresholds.apply((before != null) ? before.state() : null, result);
		this.last = new Result(damped, detailsJson, failure, this.services.clock().instant(), duration, now, timedOut);
		Report report = Objects.requireNonNull(derive(now));
		this.services.notifier().publish((listener) -> listener.onCall(this.name, report.current()));
		report.publish();
		return report.current();
	}

	/**
	 * What the check reports at {@code now}; a change of state or message is queued to the notifier. Called under
	 * the lock.
	 */
	private @Nullable CheckOutcome report(long now) {
		Report report = derive(now);
		if (report == null) {
			return null;
		}
		report.publish();
		return report.current();
	}

	/**
	 * What the check reports at {@code now}, derived from the facts: the same instance while they and the derived
	 * condition stay the same. Called under the lock.
	 */
	private @Nullable Report derive(long now) {
		Result last = this.last;
		if (last == null) {
			return null;
		}
		Derived derived = derive(last, now);
		Shown shown = this.shown;
		CheckOutcome previous = (shown != null) ? shown.outcome() : null;
		if (shown != null && shown.basis() == last && shown.derived() == derived) {
			return new Report(previous, previous);
		}
		HealthCheckResult result = switch (derived) {
			case NONE -> last.result;
			case STALE -> new HealthCheckResult(HealthState.UNHEALTHY, "no result since " + last.checkedAt
					+ ", older than max-age " + Durations.format(Objects.requireNonNull(this.settings.maxAge())),
					last.result.details());
			case STILL_RUNNING -> new HealthCheckResult(HealthState.UNHEALTHY, last.result.message()
					+ "; still running since " + Objects.requireNonNull(this.call).startedAt, last.result.details());
		};
		Instant since = (previous != null && previous.state() == result.state()) ? previous.since()
				: (derived == Derived.NONE) ? last.checkedAt : this.services.clock().instant();
		CheckOutcome outcome = new CheckOutcome(result, last.checkedAt, last.duration, since, last.detailsJson,
				(derived == Derived.NONE) ? last.failure : null);
		this.shown = new Shown(outcome, last, derived);
		return new Report(previous, outcome);
	}

	private Derived derive(Result last, long now) {
		Duration maxAge = this.settings.maxAge();
		if (maxAge != null && this.settings.interval() != null) {
			return (now - last.nanos > maxAge.toNanos()) ? Derived.STALE : Derived.NONE;
		}
		CheckCall call = this.call;
		boolean hung = call != null && call.isAbandoned() && now - last.nanos > this.services.cacheTtlNanos();
		return hung ? Derived.STILL_RUNNING : Derived.NONE;
	}

	/** What the check reports, and what it reported before. */
	private final class Report {

		private final @Nullable CheckOutcome previous;

		private final CheckOutcome current;

		Report(@Nullable CheckOutcome previous, CheckOutcome current) {
			this.previous = previous;
			this.current = current;
		}

		CheckOutcome current() {
			return this.current;
		}

		/** Queues the change, if the state or message changed. */
		void publish() {
			CheckOutcome previous = this.previous;
			CheckOutcome current = this.current;
			if (!current.reportsSameAs(previous)) {
				CheckRunner.this.services.notifier()
					.publish((listener) -> listener.onReportChanged(CheckRunner.this.name, previous, current));
			}
		}

	}

	/** What a returning call produced on its own thread, and what the check threw, if it threw. */
	record Returned(HealthCheckResult result, @Nullable String detailsJson, @Nullable Throwable failure) {

		Returned(HealthCheckResult result, @Nullable String detailsJson) {
			this(result, detailsJson, null);
		}

		/** What a call reports when even reading its result failed. */
		static final Returned UNREADABLE = new Returned(HealthCheckResult.unhealthy("the check's result could not be read"),
				null);

	}

	/**
	 * The last real result: a call that returned, threw, or timed out (or found no thread within its timeout), with
	 * when it was produced.
	 */
	private record Result(HealthCheckResult result, @Nullable String detailsJson, @Nullable Throwable failure,
			Instant checkedAt, Duration duration, long nanos, boolean timedOut) {
	}

	/** A report and the facts it was derived from. */
	private record Shown(CheckOutcome outcome, Result basis, Derived derived) {
	}

	/** What is reported on top of the last result. */
	private enum Derived {

		NONE, STALE, STILL_RUNNING

	}

}
