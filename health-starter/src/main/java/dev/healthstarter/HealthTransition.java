package dev.healthstarter;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One change of a health check's reported state, as kept in memory for {@code GET /health/history}
 * ({@code health.history.size} of them, newest last). A check's first state is not a transition: its
 * {@code since} on {@code GET /health} says when it began. Changes of the message alone are not transitions either.
 * Immutable.
 *
 * @param check the check's name
 * @param from the state reported before
 * @param to the state reported from {@code at} on; differs from {@code from}
 * @param at when the check entered {@code to} (its {@code since} from then on)
 * @param message the check's message on entering {@code to}, or {@code null} when it gave none
 */
public record HealthTransition(String check, HealthState from, HealthState to, Instant at, @Nullable String message) {

	/**
	 * Creates a transition.
	 * @param check the check's name
	 * @param from the state reported before
	 * @param to the state reported from {@code at} on; differs from {@code from}
	 * @param at when the check entered {@code to} (its {@code since} from then on)
	 * @param message the check's message on entering {@code to}, or {@code null} when it gave none
	 */
	public HealthTransition {
		Objects.requireNonNull(check, "check");
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(at, "at");
		if (from == to) {
			throw new IllegalArgumentException("A transition changes the state; both are " + from);
		}
	}

}
