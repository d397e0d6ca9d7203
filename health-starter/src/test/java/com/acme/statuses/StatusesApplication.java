package com.acme.statuses;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;

/**
 * An Actuator user's application, written without the starter in mind: indicators that report {@code UNKNOWN} (as
 * Spring Cloud Config's client does without a config server, here a reactive one), {@code OUT_OF_SERVICE} with a
 * detail, a custom {@code FATAL} with details (ordered first and mapped to 503 by its properties), and {@code UP}.
 */
@SpringBootApplication
class StatusesApplication {

	/** The properties the application runs with, on either stack. */
	static final String[] PROPERTIES = { "server.port=0", "management.endpoints.web.exposure.include=health",
			"management.endpoint.health.show-details=always", "health.show-details=always",
			"management.health.diskspace.enabled=false",
			"management.endpoint.health.probes.enabled=true",
			"management.endpoint.health.status.order=fatal,down,out-of-service,up,unknown",
			"management.endpoint.health.status.http-mapping.FATAL=503",
			"management.endpoint.health.group.serving.include=maintenance,configServer",
			"management.endpoint.health.group.optional.include=configServer,catalog" };

	@Bean
	ReactiveHealthIndicator configServerHealthIndicator() {
		return () -> Mono.just(Health.unknown().withDetail("error", "no config server").build());
	}

	@Bean
	HealthIndicator maintenanceHealthIndicator() {
		return () -> Health.outOfService().withDetail("window", "until 02:00").build();
	}

	@Bean
	HealthIndicator reactorHealthIndicator() {
		return () -> Health.status(new Status("FATAL", "core breach")).withDetail("temperature", 1400).build();
	}

	@Bean
	HealthIndicator catalogHealthIndicator() {
		return () -> Health.up().withDetail("items", 42).build();
	}

	/**
	 * @return an indicator that hangs, which only the tests with the starter add (so not a bean of the application:
	 * without the starter, Actuator would wait for it)
	 */
	static HealthIndicator frozen() {
		return () -> {
			try {
				Thread.sleep(Duration.ofMinutes(5).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return Health.up().build();
		};
	}

}
