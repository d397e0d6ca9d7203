package com.acme.streams;

import java.util.concurrent.atomic.AtomicInteger;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A user's application for stream tests: a check that counts its calls, and a "bulky" check (in its own group)
 * whose frames are 256 KB, to fill socket buffers quickly.
 */
@SpringBootApplication
class StreamsApplication {

	/** Serves a reactive application on Reactor Netty, though Tomcat is on the test class path too. */
	static final String NETTY = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration";

	static final int BULKY_BYTES = 256 * 1024;

	/**
	 * Starts the application in a JVM of its own, as tests that need their own heap limit do.
	 * @param args Spring Boot's arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(StreamsApplication.class, args);
	}

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
