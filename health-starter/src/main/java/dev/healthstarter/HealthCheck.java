package dev.healthstarter;

import java.util.function.BooleanSupplier;

/**
 * One health check: a database ping, a downstream call, "the model is loaded".
 * <p>
 * Declare implementations as beans and the starter runs them: a bean named {@code redisHealthCheck} becomes
 * the check {@code redis} (the bean name without its {@code HealthCheck} suffix). Checks built at run time
 * go through {@link HealthCheckRegistry}.
 * <p>
 * The starter calls {@link #check()} on its own threads, in parallel with other checks, at most once per
 * {@code health.cache-ttl} (default 1 s) however many callers ask, and never twice at the same time for one
 * check, so implementations need not be thread-safe against themselves. Each call is bounded by
 * {@code health.checks.<name>.timeout} (default {@code health.timeout}, 1 s). Throwing, returning
 * {@code null} or running past the timeout is itself a result: {@link HealthState#UNHEALTHY} with a message
 * naming the cause. A check that ignores interruption is not called again until it returns.
 */
@FunctionalInterface
public interface HealthCheck {

	/**
	 * Runs the check.
	 * @return the result; {@code null} is reported as {@link HealthState#UNHEALTHY}
	 * @throws Exception any failure, reported as {@link HealthState#UNHEALTHY} with the exception's class
	 * and message
	 */
	HealthCheckResult check() throws Exception;

	/**
	 * Boolean shorthand for the common "is it alive" check.
	 * @param alive returns {@code true} when healthy; it may throw
	 * @return a check that is {@link HealthState#HEALTHY} when {@code alive} returns {@code true} and
	 * {@link HealthState#UNHEALTHY} (message {@code "check returned false"}) otherwise
	 */
	static HealthCheck of(BooleanSupplier alive) {
		return of(alive, "check returned false");
	}

	/**
	 * Boolean shorthand with the message to report when the supplier returns {@code false}.
	 * @param alive returns {@code true} when healthy; it may throw
	 * @param failureMessage the message of the {@link HealthState#UNHEALTHY} result
	 * @return the check
	 */
	static HealthCheck of(BooleanSupplier alive, String failureMessage) {
		return () -> alive.getAsBoolean() ? HealthCheckResult.healthy() : HealthCheckResult.unhealthy(failureMessage);
	}

}
