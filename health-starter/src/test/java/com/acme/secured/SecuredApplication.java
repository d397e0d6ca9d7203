package com.acme.secured;

import java.util.Map;

import com.acme.testing.SwitchableCheck;
import dev.healthstarter.HealthCheck;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's application protected by Spring Boot's default security (no chain of its own: every request needs a
 * login), with an API, one constant health check and one that tests switch ({@code payments}).
 */
@SpringBootApplication
@RestController
class SecuredApplication {

	@GetMapping("/api/orders")
	Map<String, Object> orders() {
		return Map.of("orders", 3);
	}

	@Bean
	HealthCheck inventoryHealthCheck() {
		return HealthCheck.of(() -> true);
	}

	@Bean
	SwitchableCheck paymentsHealthCheck() {
		return new SwitchableCheck();
	}

}
