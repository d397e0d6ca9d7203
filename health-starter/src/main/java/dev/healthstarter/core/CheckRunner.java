package dev.healthstarter.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import org.jspecify.annotations.Nullable;

/**
 * Runs one check, from {@code register} to {@code unregister}: this is where its timeout is applied, its result
 * cached for the cache TTL, one call in flight shared by every concurrent caller (each waiting on a future of its
 * own, answered with what the check reports once the call settled), and its results damped by its
 * {@link StateThresholds}. A check with an {@code interval} runs in the background instead.
 * <p>
 * It stores facts only: the last real result (a call that returned, threw, or ran past its timeout; damped once
 * when it arrives) with when it was produced, and the call in flight. What it reports is derived from those when
 * read: a background result older than {@code max-age} is reported {@code unhealthy} ("no result since ..."), and
 * a call still running past its timeout once the timeout result is older than the cache TTL is reported
 * {@code unhealthy} ("still running since ..."), with message texts that stay the same while the facts do. A call
 * that ignored its timeout is never joined by another: a hung check holds one thread, never more. Callers wait for
 * a call only while the check's last call did not time out, so a hanging dependency delays one answer per outage.
 * An {@link AsyncHealthCheck} holds no thread: its future is started on the caller's (or scheduler's) thread and
 * cancelled at the timeout.
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

	/** The threads this check's calls run on, shared only with checks of the same kind (probe group or not). */
	private final CheckExecutor executor;

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
		this.executor = services.executorFor(settings);
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
	 * @return the caller's own future (cancelling it affects no call and no other caller), completed at the latest
	 * when the check's timeout fires, never exceptionally; its value is {@code null} only for a check unregistered
	 * before its first result
	 */
	CompletableFuture<@Nullable CheckOutcome> evaluate() {
		@Nullable CheckCall started = null;
		@Nullable CheckCall awaited = null;
		@Nullable CheckOutcome reported = null;
		synchronized (this) {
			// read after the lock: a caller that waited for it never reports from a time before the result it reads
			long now = System.nanoTime();
			Result last = this.last;
			boolean fresh = last != null && (this.settings.interval() != null
					|| now - last.nanos < this.services.cacheTtlNanos() || (this.call != null && this.call.isAbandoned()));
			if (this.closed || fresh) {
				return CompletableFuture.completedFuture(report(now));
			}
			if (this.call == null) {
				started = newCall(now, false);
			}
			if (last == null || !last.timedOut) {
				awaited = this.call;
			}
			else {
				reported = report(now);
			}
		}
		if (started != null) {
			launch(started);
		}
		return (awaited != null) ? answer(awaited) : CompletableFuture.completedFuture(reported);
	}

	/**
	 * A caller's own future of a call: what the check reports once the call settled, read then, so it is never older
	 * than a report handed out before. Cancelling it touches neither the call nor another caller's future.
	 */
	private CompletableFuture<@Nullable CheckOutcome> answer(CheckCall call) {
		return call.settled.thenApply((settled) -> latest());
	}

	/**
	 * Runs the check every {@code interval} until {@link #close()}; the first run is at once, or, for
	 * {@link CheckSettings#spread() spread} settings, at a random point within the first interval.
	 */
	synchronized void startSchedule() {
		long interval = Objects.requireNonNull(this.settings.interval()).toNanos();
		if (!this.closed && this.schedule == null) {
			long first = this.settings.spread() ? ThreadLocalRandom.current().nextLong(interval) : 0;
			this.schedule = this.services.scheduler()
				.scheduleWithFixedDelay(PeriodicTask.surviving("Background run of health check '" + this.name + "'",
						this::refresh), first, interval, TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * Stops the background runs (the context is stopping): a background call that has not started by now never does.
	 * {@link #startSchedule()} may resume them.
	 */
	synchronized void stopSchedule() {
		if (this.schedule != null) {
			this.schedule.cancel(false);
			this.schedule = null;
		}
	}

	/**
	 * The check is being unregistered: from now on no call starts, and nothing of it is recorded or published, even by
	 * a call that returns later. Queues no notification and runs no caller's stage, so the engine calls it under its
	 * own lock, before it publishes the removal.
	 * @return a call that was still waiting for a thread and never will run: its callers still wait, until
	 * {@link CheckCall#settle()}
	 */
	synchronized @Nullable CheckCall close() {
		this.closed = true;
		stopSchedule();
		CheckCall queued = this.call;
		if (queued == null || !queued.cancelIfQueued()) {
			return null;
		}
		this.executor.removeQueued(queued);
		queued.cancelTimeout();
		this.call = null;
		return queued;
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
		call.settle();
		call.cancel();
	}

	/**
	 * Called by a check thread about to run the call: it starts unless the check was unregistered meanwhile, or, for a
	 * background call, its background runs were stopped (so none starts once the engine's {@code stop()} returned).
	 * @param call the call
	 * @return whether to run it
	 */
	boolean mayStart(CheckCall call) {
		synchronized (this) {
			if (!this.closed && (this.schedule != null || !call.background)) {
				return call.start();
			}
			// an unregistered check's queued call was taken care of by close()
			if (this.closed || !call.cancelIfQueued()) {
				return false;
			}
			call.cancelTimeout();
			this.call = null;
		}
		call.settle();
		return false;
	}

	/** A background run: reports staleness, and starts a call unless one is still running or the runs stopped. */
	private void refresh() {
		CheckCall started;
		synchronized (this) {
			// stopped (or closed) while this run waited for the lock
			if (this.schedule == null) {
				return;
			}
			long now = System.nanoTime();
			report(now);
			if (this.call != null) {
				return;
			}
			started = newCall(now, true);
		}
		launch(started);
	}

	private CheckCall newCall(long now, boolean background) {
		CheckCall call = new CheckCall(this, now, this.services.clock().instant(), background,
				this.check instanceof AsyncHealthCheck);
		this.call = call;
		return call;
	}

	/**
	 * Arms the timeout on the engine's scheduler, then hands the call to a check thread; an asynchronous call is
	 * started first, on this thread (it is never queued). Never under the lock.
	 */
	private void launch(CheckCall call) {
		try {
			if (this.check instanceof AsyncHealthCheck async) {
				call.start(async);
			}
			if (!call.hasEnded()) {
				call.timeout(this.services.scheduler()
					.schedule(() -> timedOut(call), this.settings.timeout().toNanos(), TimeUnit.NANOSECONDS));
			}
			if (!call.async) {
				this.executor.execute(call);
			}
		}
		catch (RejectedExecutionException ex) {
			call.cancelIfQueued();
			returned(call, new Returned(HealthCheckResult.unhealthy("not run: the health engine is shut down"), null), 0);
			call.cancel();
		}
	}

	/**
	 * Called by the call's thread: the check's result, cut to size and its details written, within the timeout.
	 * @param call the call, told when its thread leaves the check
	 */
	Returned invoke(CheckCall call) {
		@Nullable HealthCheckResult result = null;
		@Nullable Object answer = null;
		@Nullable Throwable failure = null;
		try {
			if (this.check instanceof TranslatedHealthCheck<?> translated) {
				Answered answered = answered(translated);
				answer = answered.answer();
				result = answered.result();
			}
			else {
				result = this.check.check();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			failure = ex;
		}
		catch (Throwable ex) {
			failure = ex;
		}
		finally {
			call.leftCheck();
		}
		return read(result, answer, failure);
	}

	private static <S> Answered answered(TranslatedHealthCheck<S> check) throws Exception {
		S answer = check.answer();
		return new Answered(answer, check.translate(answer));
	}

	/** A translated check's answer and the result it translates to. */
	private record Answered(Object answer, HealthCheckResult result) {
	}

	/**
	 * What a call produced, cut to size and its details written: its result, or the failure it threw or its future
	 * completed with.
	 * @param result the result, {@code null} when there is none
	 * @param answer a translated check's answer, which the result translates, or {@code null}
	 * @param failure the failure, or {@code null}
	 */
	Returned read(@Nullable HealthCheckResult result, @Nullable Object answer, @Nullable Throwable failure) {
		HealthCheckResult read;
		if (failure instanceof CompletionException && failure.getCause() != null) {
			failure = failure.getCause();
		}
		if (failure instanceof InterruptedException) {
			read = HealthCheckResult.unhealthy("interrupted");
		}
		else if (failure != null) {
			read = HealthCheckResult.unhealthy(Throwables.describe(failure));
		}
		else if (result == null) {
			read = HealthCheckResult.unhealthy("check returned null");
		}
		else {
			read = result;
		}
		ResultLimits limits = this.services.limits();
		HealthCheckResult cut = limits.cut(read);
		return new Returned(cut, limits.detailsJson(cut.details()), (read == result) ? answer : null, failure);
	}

	/** The call's thread returned; a call abandoned at its timeout only gives its thread back. */
	void returned(CheckCall call, Returned returned, long durationNanos) {
		call.cancelTimeout();
		synchronized (this) {
			if (call.isAbandoned()) {
				this.executor.giveBack();
			}
			if (this.call == call) {
				this.call = null;
			}
			if (call.resolve() && !this.closed) {
				record(returned.result(), returned.detailsJson(), returned.answer(), returned.failure(),
						Duration.ofNanos(durationNanos), false, List.of());
			}
		}
		call.settle();
	}

	/**
	 * The timeout fired on the engine's scheduler: the call's result is "timed out", unless it already returned. A call
	 * on a thread is abandoned to it; an asynchronous call's future is cancelled, which ends the call.
	 */
	private void timedOut(CheckCall call) {
		// read as the timeout fires, before the lock: where the thread waits, if it is still inside the check
		List<StackTraceElement> waiting = WaitingFrames.of(call.stackInsideCheck());
		synchronized (this) {
			if (call.hasEnded() || !call.resolve()) {
				return;
			}
			String message;
			if (call.cancelIfQueued()) {
				this.executor.removeQueued(call);
				this.call = null;
				message = "not started within " + Durations.format(this.settings.timeout()) + ": "
						+ this.executor.busyReason();
			}
			else {
				if (!call.async) {
					call.abandon();
					call.interrupt();
					this.executor.lend();
				}
				message = "timed out after " + Durations.format(this.settings.timeout())
						+ (waiting.isEmpty() ? "" : ", waiting in " + WaitingFrames.place(waiting.get(0)));
			}
			if (!this.closed) {
				record(HealthCheckResult.unhealthy(message), null, null, null, this.settings.timeout(), true,
						waiting.stream().map(WaitingFrames::format).toList());
			}
		}
		call.settle();
		// outside the lock: the cancelled future returns at once, on this thread, and its return takes the lock
		call.cancel();
	}

	/**
	 * Stores a real result, damped against what the check reported until now, and queues its notifications. A
	 * translated check's answer is kept with the result it translates to; a damped result, which goes on reporting
	 * the state reported until now, keeps the answer that gave that state (if the last result had one).
	 */
	private void record(HealthCheckResult result, @Nullable String detailsJson, @Nullable Object answer,
			@Nullable Throwable failure, Duration duration, boolean timedOut, List<String> waitingIn) {
		long now = System.nanoTime();
		CheckOutcome before = report(now);
		HealthCheckResult damped = this.thresholds.apply((before != null) ? before.state() : null, result);
		Result previous = this.last;
		Object kept = (damped == result) ? answer
				: (previous != null && previous.result.state() == damped.state()) ? previous.answer : null;
		this.last = new Result(damped, detailsJson, kept, failure, this.services.clock().instant(), duration, now,
				timedOut, waitingIn);
		Report report = Objects.requireNonNull(derive(now));
		this.services.notifier().publish((listener) -> listener.onCall(this.name, report.current()));
		report.publish();
	}

	/**
	 * What the check reports at {@code now}; a change of state or message is queued to the notifier unless the check
	 * was unregistered. Called under the lock.
	 */
	private @Nullable CheckOutcome report(long now) {
		Report report = derive(now);
		if (report == null) {
			return null;
		}
		if (!this.closed) {
			report.publish();
		}
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
		boolean real = derived == Derived.NONE;
		CheckOutcome outcome = new CheckOutcome(result, last.checkedAt, last.duration, since, last.detailsJson,
				last.waitingIn, real ? last.failure : null, real ? last.answer : null);
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
	record Returned(HealthCheckResult result, @Nullable String detailsJson, @Nullable Object answer,
			@Nullable Throwable failure) {

		Returned(HealthCheckResult result, @Nullable String detailsJson) {
			this(result, detailsJson, null, null);
		}

		/** What a call reports when even reading its result failed. */
		static final Returned UNREADABLE = new Returned(HealthCheckResult.unhealthy("the check's result could not be read"),
				null);

	}

	/**
	 * The last real result: a call that returned, threw, or timed out (or found no thread within its timeout), with
	 * when it was produced.
	 */
	private record Result(HealthCheckResult result, @Nullable String detailsJson, @Nullable Object answer,
			@Nullable Throwable failure, Instant checkedAt, Duration duration, long nanos, boolean timedOut,
			List<String> waitingIn) {
	}

	/** A report and the facts it was derived from. */
	private record Shown(CheckOutcome outcome, Result basis, Derived derived) {
	}

	/** What is reported on top of the last result. */
	private enum Derived {

		NONE, STALE, STILL_RUNNING

	}

}
