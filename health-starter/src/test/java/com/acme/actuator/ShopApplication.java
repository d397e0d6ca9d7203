package com.acme.actuator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * An Actuator user's application that adds the starter: its own health checks, and Actuator indicators of every
 * kind (a composite of ten that each take 200 ms, a reactive one, one that hangs, one sharing a check's name).
 */
@SpringBootApplication
class ShopApplication {

	static final Duration INDICATOR_DELAY = Duration.ofMillis(200);

	@Bean
	CountingCheck inventoryHealthCheck() {
		return new CountingCheck();
	}

	@Bean
	HealthCheck searchHealthCheck() {
		return () -> HealthCheckResult.degraded("index lagging");
	}

	@Bean
	HealthCheck paymentsHealthCheck() {
		return () -> HealthCheckResult.healthy("the check");
	}

	@Bean
	HealthIndicator paymentsHealthIndicator() {
		return () -> Health.up().withDetail("from", "the indicator").build();
	}

	@Bean
	HealthContributor warehousesHealthContributor() {
		Map<String, HealthIndicator> members = new LinkedHashMap<>();
		for (int i = 0; i < 10; i++) {
			members.put("w" + i, () -> {
				sleep(INDICATOR_DELAY);
				return Health.up().build();
			});
		}
		return CompositeHealthContributor.fromMap(members);
	}

	@Bean
	ReactiveHealthIndicator shippingHealthIndicator() {
		return () -> Mono.delay(INDICATOR_DELAY).map((tick) -> Health.up().withDetail("carrier", "acme").build());
	}

	@Bean
	HealthIndicator ledgerHealthIndicator() {
		return () -> {
			sleep(Duration.ofDays(1));
			return Health.up().build();
		};
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A healthy check that counts its calls. */
	static final class CountingCheck implements HealthCheck {

		final AtomicInteger calls = new AtomicInteger();

		@Override
		public HealthCheckResult check() {
			this.calls.incrementAndGet();
			return HealthCheckResult.healthy();
		}

	}

}
