package com.acme.testing;

import java.util.concurrent.atomic.AtomicReference;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;

/**
 * A health check whose result a test sets, as a user's check of a dependency that goes down and comes back.
 * Healthy until set otherwise. Thread-safe.
 */
public final class SwitchableCheck implements HealthCheck {

	private final AtomicReference<HealthCheckResult> result = new AtomicReference<>(HealthCheckResult.healthy());

	/**
	 * @param result what every call returns from now on
	 */
	public void set(HealthCheckResult result) {
		this.result.set(result);
	}

	@Override
	public HealthCheckResult check() {
		return this.result.get();
	}

}
