package dev.healthstarter.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import org.jspecify.annotations.Nullable;

/**
 * What one check reports, derived from its facts when read: its last real result as it is, or {@code unhealthy}
 * past {@code max-age} ("no result since ...") or while a call that ignored its timeout runs on past the cache TTL
 * ("still running since ..."). Invariants: only real results are stored; a report is the same instance, with the
 * same message text, while the facts and the derived condition stay the same. Not thread-safe: used under its
 * {@link CheckRunner}'s lock only.
 */
final class CheckReports {

	private final String name;

	private final CheckSettings settings;

	private final EngineServices services;

	private @Nullable Result last;

	/** The report last handed out and what it was derived from: reused while both stay the same. */
	private @Nullable Shown shown;

	/**
	 * @param name the check's name
	 * @param settings the check's settings
	 * @param services the engine's clock, cache TTL and notifier
	 */
	CheckReports(String name, CheckSettings settings, EngineServices services) {
		this.name = name;
		this.settings = settings;
		this.services = services;
	}

	/**
	 * @return the last real result, or {@code null} before the first
	 */
	@Nullable Result last() {
		return this.last;
	}

	/**
	 * @param result the newest real result, from which reports are derived from now on
	 */
	void store(Result result) {
		this.last = result;
	}

	/**
	 * What the check reports at {@code now}, derived from the facts: the same instance while they and the derived
	 * condition stay the same.
	 * @param now {@link System#nanoTime()}
	 * @param call the call in flight, or {@code null}
	 * @return the report, or {@code null} before the first result
	 */
	@Nullable Report derive(long now, @Nullable CheckCall call) {
		Result last = this.last;
		if (last == null) {
			return null;
		}
		Derived derived = derive(last, now, call);
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
					+ "; still running since " + Objects.requireNonNull(call).startedAt, last.result.details());
		};
		Instant since = (previous != null && previous.state() == result.state()) ? previous.since()
				: (derived == Derived.NONE) ? last.checkedAt : this.services.clock().instant();
		boolean real = derived == Derived.NONE;
		CheckOutcome outcome = new CheckOutcome(result, last.checkedAt, last.duration, since, last.detailsJson,
				last.waitingIn, real ? last.failure : null, real ? last.answer : null);
		this.shown = new Shown(outcome, last, derived);
		return new Report(previous, outcome);
	}

	private Derived derive(Result last, long now, @Nullable CheckCall call) {
		Duration maxAge = this.settings.maxAge();
		if (maxAge != null && this.settings.interval() != null) {
			return (now - last.nanos > maxAge.toNanos()) ? Derived.STALE : Derived.NONE;
		}
		boolean hung = call != null && call.isAbandoned() && now - last.nanos > this.services.cacheTtlNanos();
		return hung ? Derived.STILL_RUNNING : Derived.NONE;
	}

	/** What the check reports, and what it reported before. */
	final class Report {

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
				CheckReports.this.services.notifier()
					.publish((listener) -> listener.onReportChanged(CheckReports.this.name, previous, current));
			}
		}

	}

	/**
	 * The last real result: a call that returned, threw, or timed out (or found no thread within its timeout), with
	 * when it was produced.
	 */
	record Result(HealthCheckResult result, @Nullable String detailsJson, @Nullable Object answer,
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
