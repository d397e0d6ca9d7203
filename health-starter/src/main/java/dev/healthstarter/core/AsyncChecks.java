package dev.healthstarter.core;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;

/**
 * Checks whose call is a future, for the starter's own packages (an HTTP target's probe): the engine starts the call on
 * the calling thread, holds no thread while it waits, and cancels the future at the check's timeout. Not API:
 * applications implement {@link HealthCheck} or {@code ReactiveHealthCheck}.
 */
public final class AsyncChecks {

	private AsyncChecks() {
	}

	/**
	 * @param call starts one call of the check and returns at once; whatever waits belongs in the future, completed on
	 * any thread
	 * @return the check, whose {@code check()} blocks for the future when called outside the engine
	 */
	public static HealthCheck of(Supplier<? extends CompletionStage<HealthCheckResult>> call) {
		AsyncHealthCheck check = call::get;
		return check;
	}

}
