package dev.healthstarter.http;

import java.time.Duration;

import dev.healthstarter.HealthCheckResult;

/**
 * The outcome of one probe of an {@link HttpTarget}, as a health result plus the blackbox figures.
 *
 * @param result the health result (healthy, degraded when slow, unhealthy on a wrong status, error or timeout)
 * @param success whether the target answered the expected status in time
 * @param duration how long the probe took
 * @param statusCode the answer's status code, or 0 when there was none
 */
record ProbeResult(HealthCheckResult result, boolean success, Duration duration, int statusCode) {

	static ProbeResult notYetProbed() {
		return new ProbeResult(HealthCheckResult.unhealthy("not probed yet"), false, Duration.ZERO, 0);
	}

}
