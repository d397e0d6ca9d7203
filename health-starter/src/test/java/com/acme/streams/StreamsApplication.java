package com.acme.streams;

import java.util.concurrent.atomic.AtomicInteger;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A user's application for stream tests: a check that counts its calls, and a "bulky" check (in its own group)
 * whose frames are 256 KB, to fill socket buffers quickly.
 */
@SpringBootApplication
class StreamsApplication {

	static final int BULKY_BYTES = 256 * 1024;

	@Bean
	AtomicInteger ledgerCalls() {
		return new AtomicInteger();
	}

	@Bean
	HealthCheck ledgerHealthCheck(AtomicInteger ledgerCalls) {
		return () -> {
			ledgerCalls.incrementAndGet();
			return HealthCheckResult.healthy();
		};
	}

	@Bean
	HealthCheck bulkyHealthCheck() {
		String payload = "x".repeat(BULKY_BYTES);
		return () -> HealthCheckResult.healthy().withDetail("payload", payload);
	}

}
