package com.acme.webflux;

import java.time.Duration;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.ReactiveHealthCheck;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A WebFlux service as a Spring Cloud Gateway or R2DBC team has it: Reactor Netty, no Servlet API, no Spring MVC,
 * and checks that return a {@code Mono}.
 */
@SpringBootApplication
class WebFluxOnlyApplication {

	@Bean
	ReactiveHealthCheck inventoryHealthCheck() {
		return () -> Mono.just(HealthCheckResult.healthy()).delayElement(Duration.ofMillis(20));
	}

	@Bean
	ReactiveHealthCheck pricingHealthCheck() {
		return () -> Mono.just(HealthCheckResult.degraded("cache cold"));
	}

}
