package dev.healthstarter.bench;

import java.time.Duration;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The changing dependency of the change-propagation benchmark (P6), added to the running sample app with
 * {@code --spring.main.sources=dev.healthstarter.bench.FlippingCheckConfiguration}: the check {@code flip} (in
 * {@code readiness}, as every user check by default) is healthy and unhealthy in turn, each for
 * {@code bench.flip-period} (default 5 s) of wall-clock time, so any evaluation after a boundary sees the change.
 */
@Configuration(proxyBeanMethods = false)
public class FlippingCheckConfiguration {

	@Bean
	HealthCheck flipHealthCheck(@Value("${bench.flip-period:5s}") Duration period) {
		long periodMillis = period.toMillis();
		return () -> ((System.currentTimeMillis() / periodMillis) % 2 == 0) ? HealthCheckResult.healthy()
				: HealthCheckResult.unhealthy("flipped");
	}

}
