package com.acme.lifetime.secured;

import com.acme.testing.SwitchableCheck;
import dev.healthstarter.HealthCheckResult;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * An application for stream tests with Spring Security on the class path (its default chain: every other path
 * needs a login): one check in its own group ({@code bulky}) whose frames are 256 KB.
 */
@SpringBootApplication
class SecuredStreamsApplication {

	static final String PAYLOAD = "x".repeat(256 * 1024);

	@Bean
	SwitchableCheck bulkyHealthCheck() {
		SwitchableCheck check = new SwitchableCheck();
		check.set(HealthCheckResult.healthy().withDetail("payload", PAYLOAD));
		return check;
	}

}
