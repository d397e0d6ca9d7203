package com.acme.stacks;

import java.util.Map;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.ReactiveHealthCheck;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * One application run on each stack: a blocking check, a reactive check that is degraded, and a non-critical check.
 */
@SpringBootApplication
public class StacksApplication {

	@Bean
	HealthCheck databaseHealthCheck() {
		return () -> HealthCheckResult.healthy().withDetail("pool", Map.of("active", 2, "max", 10));
	}

	@Bean
	ReactiveHealthCheck searchHealthCheck() {
		return () -> Mono.just(HealthCheckResult.degraded("p99 latency 900ms over 500ms"));
	}

	@Bean
	HealthCheck mailHealthCheck() {
		return () -> HealthCheckResult.unhealthy("SMTP refused");
	}

}
