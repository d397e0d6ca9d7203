package dev.healthstarter.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import org.jspecify.annotations.Nullable;

/**
 * What a check reports: its result (a failure, {@code null} or timeout already turned into an unhealthy result,
 * flap damping applied, the message cut to {@code health.max-message-length}), when that result was produced, how
 * long the call took, since when the check has been in this state, its details already written as JSON, and where a
 * check that timed out was waiting. Immutable and thread-safe.
 *
 * @param result the reported result
 * @param checkedAt when the call that produced the result ended (for a timeout: when the timeout fired)
 * @param duration how long the call took; for a timeout, the timeout
 * @param since when the check entered its reported state (ISO-8601 on the wire)
 * @param detailsJson the result's details as one JSON object, written once by the thread that read the result, or
 * {@code {"error":"..."}} when they could not be written; {@code null} when the result has no details or no JSON
 * library is present
 * @param waitingIn where the check's thread waited when the check timed out while still inside it: up to five frames
 * outside the JDK and the starter, innermost first, as {@code Class.method(File.java:line)}; empty otherwise
 * @param failure what the check threw, when this report is that call's result (for its stack trace in the log;
 * never shown in a response), else {@code null}
 * @param answer a {@link TranslatedHealthCheck}'s own answer (Actuator's {@code Health}) that gave the reported state:
 * the answer this report's result translates to, or for a damped result the answer of the state it goes on
 * reporting; {@code null} for a timeout, a failure or a derived state
 */
public record CheckOutcome(HealthCheckResult result, Instant checkedAt, Duration duration, Instant since,
		@Nullable String detailsJson, List<String> waitingIn, @Nullable Throwable failure, @Nullable Object answer) {

	/**
	 * Creates an outcome.
	 * @param result the reported result
	 * @param checkedAt when the call that produced the result ended (for a timeout: when the timeout fired)
	 * @param duration how long the call took; for a timeout, the timeout
	 * @param since when the check entered its reported state (ISO-8601 on the wire)
	 * @param detailsJson the result's details as one JSON object, written once by the thread that read the result, or
	 * {@code {"error":"..."}} when they could not be written; {@code null} when the result has no details or no JSON
	 * library is present
	 * @param waitingIn where the check's thread waited when the check timed out while still inside it: up to five
	 * frames outside the JDK and the starter, innermost first, as {@code Class.method(File.java:line)}; empty otherwise
	 * (copied)
	 * @param failure what the check threw, when this report is that call's result, else {@code null}
	 * @param answer a translated check's own answer, when this report is the result it translates to, else
	 * {@code null}
	 * @throws NullPointerException if {@code result}, {@code checkedAt}, {@code duration}, {@code since} or
	 * {@code waitingIn} is {@code null}
	 */
	public CheckOutcome {
		Objects.requireNonNull(result, "result must not be null");
		Objects.requireNonNull(checkedAt, "checkedAt must not be null");
		Objects.requireNonNull(duration, "duration must not be null");
		Objects.requireNonNull(since, "since must not be null");
		waitingIn = List.copyOf(waitingIn);
	}

	/**
	 * An outcome of a check that neither threw nor timed out inside a call.
	 * @param result the reported result
	 * @param checkedAt when the call that produced the result ended (for a timeout: when the timeout fired)
	 * @param duration how long the call took; for a timeout, the timeout
	 * @param since when the check entered its reported state
	 * @param detailsJson the result's details as one JSON object, or {@code null}
	 */
	public CheckOutcome(HealthCheckResult result, Instant checkedAt, Duration duration, Instant since,
			@Nullable String detailsJson) {
		this(result, checkedAt, duration, since, detailsJson, List.of(), null, null);
	}

	/**
	 * An outcome without details JSON or frames that entered its state when it was produced.
	 * @param result the result
	 * @param checkedAt when it was produced
	 * @param duration how long the call took
	 */
	public CheckOutcome(HealthCheckResult result, Instant checkedAt, Duration duration) {
		this(result, checkedAt, duration, checkedAt, null, List.of(), null, null);
	}

	/** @return the result's state */
	public HealthState state() {
		return this.result.state();
	}

	/** @return the result's message, or {@code null} */
	public @Nullable String message() {
		return this.result.message();
	}

	/**
	 * Whether another outcome reports the same state and message (what a state-change listener and a
	 * {@code mode=changes} stream compare).
	 * @param other the other outcome, or {@code null}
	 * @return {@code true} when both state and message are equal
	 */
	public boolean reportsSameAs(@Nullable CheckOutcome other) {
		return other != null && other.state() == state() && Objects.equals(other.message(), message());
	}

}
