package dev.healthstarter.core;

import java.util.concurrent.CompletableFuture;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.ReactiveHealthCheck;
import reactor.core.publisher.Mono;

/**
 * Runs a {@link ReactiveHealthCheck} as the engine runs every check whose call is a future: its {@code Mono}
 * subscribed through {@link Mono#toFuture()}, whose cancellation at the check's timeout cancels the subscription.
 * Loaded only when Reactor is on the class path.
 */
public final class ReactiveChecks {

	/** What an empty {@code Mono} reports. */
	static final HealthCheckResult EMPTY = HealthCheckResult.unhealthy("check completed empty");

	private ReactiveChecks() {
	}

	/**
	 * The engine's view of a reactive check.
	 * @param check the check
	 * @return a check that holds no thread while its {@code Mono} runs
	 */
	public static HealthCheck adapt(ReactiveHealthCheck check) {
		return new Adapter(check);
	}

	private record Adapter(ReactiveHealthCheck reactive) implements AsyncHealthCheck {

		@Override
		public CompletableFuture<HealthCheckResult> start() {
			Mono<HealthCheckResult> result = this.reactive.check();
			return (result != null) ? result.defaultIfEmpty(EMPTY).toFuture() : CompletableFuture.completedFuture(null);
		}

		@Override
		public String toString() {
			return this.reactive.toString();
		}

	}

}
