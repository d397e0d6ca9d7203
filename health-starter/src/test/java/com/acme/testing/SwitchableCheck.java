package com.acme.testing;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;

import static org.awaitility.Awaitility.await;

/**
 * A health check whose result a test sets, as a user's check of a dependency that goes down and comes back, counting
 * its calls. Healthy until set otherwise. Thread-safe.
 */
public final class SwitchableCheck implements HealthCheck {

	private final AtomicReference<HealthCheckResult> result = new AtomicReference<>(HealthCheckResult.healthy());

	private final AtomicInteger calls = new AtomicInteger();

	/**
	 * @param result what every call returns from now on
	 */
	public void set(HealthCheckResult result) {
		this.result.set(result);
	}

	@Override
	public HealthCheckResult check() {
		this.calls.incrementAndGet();
		return this.result.get();
	}

	/**
	 * @return how many times the check was called
	 */
	public int calls() {
		return this.calls.get();
	}

	/**
	 * Sets every check back to healthy and waits until {@code GET /health} says so, past the cache TTL, so that a
	 * test never sees the previous one's state.
	 * @param http a client of the application
	 * @param checks the checks to set back
	 */
	public static void resetAndAwaitHealthy(HttpTestClient http, SwitchableCheck... checks) {
		for (SwitchableCheck check : checks) {
			check.set(HealthCheckResult.healthy());
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			HttpResponse<String> response = http.get("/health");
			return response.statusCode() == 200 && HttpTestClient.json(response).get("status").asString().equals("healthy");
		});
	}

}
