package dev.healthstarter.core;

import java.util.concurrent.CompletionStage;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;

/**
 * A check whose call is a future: the engine starts it on the calling thread and holds no thread while it waits (an
 * HTTP target's probe through the JDK {@code HttpClient}'s asynchronous API; a {@code ReactiveHealthCheck}'s
 * {@code Mono} through {@code toFuture()}). Everything else is as for any check: the same timeout, cache, single
 * flight and flap damping. Not API: package-private, so no application implements it (applications
 * implement {@link HealthCheck} or {@code ReactiveHealthCheck}); the starter's other packages make one through
 * {@link AsyncChecks}.
 * <p>
 * At the check's timeout (fired by the engine's scheduler) the engine cancels the future from
 * {@link #start()}, after recording "timed out", so a future that ends its work when cancelled (as the
 * {@code HttpClient}'s and Reactor's do) leaves nothing running. A future completed exceptionally is reported as a
 * thrown exception is, and {@code null} as a {@code null} result.
 */
interface AsyncHealthCheck extends HealthCheck {

	/**
	 * Starts one call of the check. Called on a thread of the engine that serves every check (a request's or the
	 * scheduler's), so it returns at once: whatever waits belongs in the future.
	 * @return the call's result, completed on any thread
	 */
	CompletionStage<HealthCheckResult> start();

	/**
	 * Runs the check on the calling thread, which waits for the future (for callers outside the engine, which never
	 * calls this).
	 * @return the result
	 * @throws Exception the failure that completed the future
	 */
	@Override
	default HealthCheckResult check() throws Exception {
		return start().toCompletableFuture().get();
	}

}
