package com.acme.reactive.secured;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.ReactiveHealthCheck;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A WebFlux service with Spring Security and Boot's defaults (no chain of its own): an application endpoint, one under
 * the health base path, and a reactive check whose message only an authorized caller may read.
 */
@SpringBootApplication
public class ReactiveSecuredApplication {

	/** Serves the application on Reactor Netty, though Tomcat is on the test class path too. */
	static final String NETTY = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration";

	@Bean
	ReactiveHealthCheck ledgerHealthCheck() {
		return () -> Mono.just(HealthCheckResult.degraded("replica lag 4s on ledger-db-2.internal"));
	}

	@RestController
	static class Endpoints {

		@GetMapping("/api/orders")
		String orders() {
			return "[]";
		}

		@GetMapping("/health/admin")
		String admin() {
			return "admin";
		}

	}

}
