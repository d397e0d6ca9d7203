package dev.healthstarter.core;

import java.util.concurrent.CompletionException;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;
import org.jspecify.annotations.Nullable;

/**
 * Calls one check and reads what a call produced: its result cut to size with its details written
 * ({@link ResultLimits}), or what it threw (or returned instead of a result) as an {@code unhealthy} result that says
 * so. Invariants: runs on the call's thread and takes no lock; whatever the check does, a call that returns yields a
 * {@link Returned}. Immutable and thread-safe.
 */
final class CheckInvocation {

	private final HealthCheck check;

	private final ResultLimits limits;

	/**
	 * @param check the check
	 * @param limits cuts messages and writes details
	 */
	CheckInvocation(HealthCheck check, ResultLimits limits) {
		this.check = check;
		this.limits = limits;
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
		HealthCheckResult cut = this.limits.cut(read);
		return new Returned(cut, this.limits.detailsJson(cut.details()), (read == result) ? answer : null, failure);
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
}
