package com.acme.orders;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.acme.testing.HttpTestClient;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;

import static org.awaitility.Awaitility.await;

/**
 * A check whose result a test sets, counting its calls.
 */
class SwitchableCheck implements HealthCheck {

	private final AtomicInteger calls = new AtomicInteger();

	private volatile HealthCheckResult result = HealthCheckResult.healthy();

	@Override
	public HealthCheckResult check() {
		this.calls.incrementAndGet();
		return this.result;
	}

	void set(HealthCheckResult result) {
		this.result = result;
	}

	int calls() {
		return this.calls.get();
	}

	/**
	 * Sets every check back to healthy and waits until {@code GET /health} says so, past the cache TTL, so that a
	 * test never sees the previous one's state.
	 */
	static void resetAndAwaitHealthy(HttpTestClient http, SwitchableCheck... checks) {
		for (SwitchableCheck check : checks) {
			check.set(HealthCheckResult.healthy());
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			HttpResponse<String> response = http.get("/health");
			return response.statusCode() == 200 && HttpTestClient.json(response).get("status").asString().equals("healthy");
		});
	}

}
