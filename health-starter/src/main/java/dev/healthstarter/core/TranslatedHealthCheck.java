package dev.healthstarter.core;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;

/**
 * A check that translates another library's own answer (Actuator's {@code Health}) into a result, and whose reports
 * keep that answer beside the result ({@link CheckOutcome#answer()}), so a view of the check in that library shows
 * the answer exactly as the library gave it, while the engine times, caches and shares the call as any other.
 * Internal: the starter's bridges implement it, applications implement {@link HealthCheck}.
 * <p>
 * The engine calls {@link #answer()} on a thread of its pool, then {@link #translate} on the same thread; a failure of
 * either is reported as a thrown exception of any check is, with no answer.
 *
 * @param <S> the type of the library's answer
 */
public interface TranslatedHealthCheck<S> extends HealthCheck {

	/**
	 * Runs the check in the library's own terms.
	 * @return the library's answer, not {@code null}
	 * @throws Exception whatever the library threw
	 */
	S answer() throws Exception;

	/**
	 * @param answer what {@link #answer()} returned
	 * @return the result the engine aggregates, shows and counts
	 */
	HealthCheckResult translate(S answer);

	/**
	 * Runs the check on the calling thread and translates its answer (for callers outside the engine, which calls
	 * {@link #answer()} and {@link #translate} itself).
	 * @return the result
	 * @throws Exception whatever the library threw
	 */
	@Override
	default HealthCheckResult check() throws Exception {
		return translate(answer());
	}

}
