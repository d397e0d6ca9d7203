package com.acme.ownchain.secured;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.healthstarter.HealthCheck;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's application with its own security chain: everything needs HTTP Basic except {@code /public}. It has
 * endpoints of its own under the health base path ({@code /health/admin/...}), which its chain protects.
 */
@SpringBootApplication
@RestController
class OwnChainApplication {

	@GetMapping({ "/public", "/api/orders" })
	Map<String, Object> orders() {
		return Map.of("orders", 3);
	}

	private final AtomicBoolean toggled = new AtomicBoolean();

	@GetMapping("/health/admin/config")
	Map<String, Object> config() {
		return Map.of("secret", "s3cr3t", "toggled", this.toggled.get());
	}

	@PostMapping("/health/admin/toggle")
	Map<String, Object> toggle() {
		return Map.of("toggled", this.toggled.getAndSet(!this.toggled.get()));
	}

	@Bean
	SecurityFilterChain applicationSecurity(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.requestMatchers("/public").permitAll()
			.anyRequest()
			.authenticated()).httpBasic(Customizer.withDefaults()).build();
	}

	@Bean
	HealthCheck inventoryHealthCheck() {
		return HealthCheck.of(() -> true);
	}

}
