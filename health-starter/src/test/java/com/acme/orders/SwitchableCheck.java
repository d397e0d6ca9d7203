package com.acme.orders;

import java.util.concurrent.atomic.AtomicInteger;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;

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

}
