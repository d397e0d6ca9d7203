package com.acme.writepath;

import com.acme.testing.SwitchableCheck;
import dev.healthstarter.HealthCheckResult;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A user's application for the write-path review: one check in its own group ({@code bulky}) whose frames are 256 KB,
 * more than Tomcat's 8 KB response buffer and more than a slow client's socket buffers take at once, and whose
 * result a test switches.
 */
@SpringBootApplication
class WritePathApplication {

	static final String PAYLOAD = "x".repeat(256 * 1024);

	@Bean
	SwitchableCheck bulkyHealthCheck() {
		SwitchableCheck check = new SwitchableCheck();
		check.set(HealthCheckResult.healthy().withDetail("payload", PAYLOAD));
		return check;
	}

}
