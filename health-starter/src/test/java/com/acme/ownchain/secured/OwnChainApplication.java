package com.acme.ownchain.secured;

import java.util.Map;

import dev.healthstarter.HealthCheck;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's application with its own security chain: everything needs HTTP Basic except {@code /public}.
 */
@SpringBootApplication
@RestController
class OwnChainApplication {

	@GetMapping({ "/public", "/api/orders" })
	Map<String, Object> orders() {
		return Map.of("orders", 3);
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
