package dev.healthstarter.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;
import org.jspecify.annotations.Nullable;

/**
 * Runs one check, from {@code register} to {@code unregister}: this is where its timeout is applied, its result
 * cached for the cache TTL, one call in flight shared by every concurrent caller (each waiting on a future of its
 * own, answered with what the check reports once the call settled), and its results damped by its
 * {@link StateThresholds}. A check with an {@code interval} runs in the background instead. The call itself is
 * {@link CheckInvocation}'s; what is reported is derived by {@link CheckReports}.
 * <p>
 * Invariants: it stores facts only, the last real result and the call in flight; a call that ignored its timeout is
 * never joined by another (a hung check holds one thread, never more); callers wait for a call only while the
 * check's last call did not time out, so a hanging dependency delays one answer per outage; an
 * {@link AsyncHealthCheck} holds no thread. Its lock guards only those facts: no user code, listener or other
 * runner's lock runs under it. Notifications are queued to the engine's notifier under it, which keeps them in order
 * for this check. Thread-safe.
 */
final class CheckRunner {

	private final String name;

	private final HealthCheck check;

	private final CheckSettings settings;

	private final EngineServices services;

	private final StateThresholds thresholds;

	private final CheckInvocation invocation;

	/** The threads this check's calls run on, shared only with checks of the same kind (probe group or not). */
	private final CheckExecutor executor;

	private final CheckReports reports;

	private @Nullable CheckCall call;

	private @Nullable ScheduledFuture<?> schedule;

	private boolean closed;

	CheckRunner(String name, HealthCheck check, CheckSettings settings, EngineServices services) {
		this.name = name;
		this.check = check;
		this.settings = settings;
		this.services = services;
		this.thresholds = new StateThresholds(settings.failureThreshold(), settings.successThreshold());
		this.executor = services.executorFor(settings);
		this.invocation = new CheckInvocation(check, services.limits());
		this.reports = new CheckReports(name, settings, services);
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
	 * @return how the check is called, on the call's thread
	 */
	CheckInvocation invocation() {
		return this.invocation;
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
			CheckReports.Result last = this.reports.last();
			boolean fresh = last != null && (this.settings.interval() != null
					|| now - last.nanos() < this.services.cacheTtlNanos() || (this.call != null && this.call.isAbandoned()));
			if (this.closed || fresh) {
				return CompletableFuture.completedFuture(report(now));
			}
			if (this.call == null) {
				started = newCall(now, false);
			}
			if (last == null || !last.timedOut()) {
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
			returned(call, new CheckInvocation.Returned(
					HealthCheckResult.unhealthy("not run: the health engine is shut down"), null), 0);
			call.cancel();
		}
	}

	/** The call's thread returned; a call abandoned at its timeout only gives its thread back. */
	void returned(CheckCall call, CheckInvocation.Returned returned, long durationNanos) {
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
		CheckReports.Result previous = this.reports.last();
		Object kept = (damped == result) ? answer
				: (previous != null && previous.result().state() == damped.state()) ? previous.answer() : null;
		this.reports.store(new CheckReports.Result(damped, detailsJson, kept, failure, this.services.clock().instant(),
				duration, now, timedOut, waitingIn));
		CheckReports.Report report = Objects.requireNonNull(this.reports.derive(now, this.call));
		this.services.notifier().publish((listener) -> listener.onCall(this.name, report.current()));
		report.publish();
	}

	/**
	 * What the check reports at {@code now}; a change of state or message is queued to the notifier unless the check
	 * was unregistered. Called under the lock.
	 */
	private @Nullable CheckOutcome report(long now) {
		CheckReports.Report report = this.reports.derive(now, this.call);
		if (report == null) {
			return null;
		}
		if (!this.closed) {
			report.publish();
		}
		return report.current();
	}

}
