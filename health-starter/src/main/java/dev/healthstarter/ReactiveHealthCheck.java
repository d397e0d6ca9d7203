package dev.healthstarter;

import reactor.core.publisher.Mono;

/**
 * The reactive twin of {@link HealthCheck}, for checks over R2DBC, reactive Redis or {@code WebClient}: its result is
 * a {@link Mono}, and no thread waits for it.
 * <p>
 * Declare implementations as beans (a bean named {@code redisHealthCheck} is the check {@code redis}, as for
 * {@link HealthCheck}) or register them with {@link HealthCheckRegistry#registerReactive}. They work on Spring MVC
 * and WebFlux applications alike (Reactor must be on the class path). The engine calls {@link #check()} and
 * subscribes to the {@code Mono} on one of its own threads that serves every check, so both must return at once:
 * blocking work belongs in a {@link HealthCheck}, which runs on the engine's pool (or behind
 * {@code subscribeOn(Schedulers.boundedElastic())}).
 * <p>
 * Everything else is as for a {@link HealthCheck}: the same timeout ({@code health.checks.<name>.timeout}, default
 * 1 s), cache, single flight, thresholds and metrics. At the timeout the engine reports "timed out after …" and
 * cancels the subscription, so a source that stops its work when cancelled (as Reactor's, R2DBC's and
 * {@code WebClient}'s do) leaves nothing running. An error signal, a {@code null} {@code Mono} or an empty one is a
 * result too: {@link HealthState#UNHEALTHY} with a message naming the cause.
 */
@FunctionalInterface
public interface ReactiveHealthCheck {

	/**
	 * Returns the check's result, which the engine subscribes to once per call.
	 * @return a {@code Mono} that emits the result; an error is reported as a thrown exception is
	 */
	Mono<HealthCheckResult> check();

}
