package com.acme.misbehaving;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A user's application whose checks misbehave the way real user code does: details Jackson cannot write, texts
 * that would forge log records or flood them. Its own Jackson settings must not change the wire format.
 */
@SpringBootApplication
class MisbehavingApplication {

	static final String FORGED = "2026-01-01T00:00:00Z ERROR forged record";

	@Bean
	HealthCheck selfReferenceHealthCheck() {
		Map<String, Object> loop = new LinkedHashMap<>();
		loop.put("self", loop);
		return () -> HealthCheckResult.healthy().withDetail("loop", loop);
	}

	@Bean
	HealthCheck emptyBeanHealthCheck() {
		return () -> HealthCheckResult.healthy().withDetail("connection", new Object());
	}

	@Bean
	HealthCheck throwingGetterHealthCheck() {
		return () -> HealthCheckResult.healthy().withDetail("pool", new ThrowingPool());
	}

	@Bean
	HealthCheck newlineHealthCheck() {
		return () -> HealthCheckResult.degraded("replica lag\n" + FORGED);
	}

	@Bean
	HealthCheck floodHealthCheck() {
		return () -> HealthCheckResult.degraded("y".repeat(200_000));
	}

	@Bean
	HealthCheck fineHealthCheck() {
		return () -> HealthCheckResult.healthy().withDetail("rowCount", 3);
	}

	/** A detail whose getter throws when Jackson reads it. */
	static class ThrowingPool {

		public int getActiveConnections() {
			throw new IllegalStateException("pool closed");
		}

	}

}
