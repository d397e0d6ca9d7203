package com.acme.readme.webflux;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.ReactiveHealthCheck;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
class OrdersHealthChecks {

	@Bean // the check "orders"
	ReactiveHealthCheck ordersHealthCheck(WebClient.Builder web) {
		WebClient orders = web.baseUrl("http://orders").build();
		return () -> orders.get().uri("/health/readiness").retrieve().toBodilessEntity()
			.map((response) -> HealthCheckResult.healthy())
			.onErrorResume((ex) -> Mono.just(HealthCheckResult.unhealthy(ex.getMessage())));
	}

}
