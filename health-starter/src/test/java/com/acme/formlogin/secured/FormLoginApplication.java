package com.acme.formlogin.secured;

import java.util.Map;

import com.acme.testing.SwitchableCheck;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's application that signs users in through a login page only (no HTTP Basic), with a user {@code admin}
 * (role OPS) whom tests may remove, and a check tests switch ({@code payments}).
 */
@SpringBootApplication
@RestController
class FormLoginApplication {

	@GetMapping("/api/orders")
	Map<String, Object> orders() {
		return Map.of("orders", 3);
	}

	@Bean
	SecurityFilterChain applicationSecurity(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.formLogin(Customizer.withDefaults())
			.build();
	}

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager(
				User.withUsername("admin").password("{noop}admin").roles("OPS").build());
	}

	@Bean
	SwitchableCheck paymentsHealthCheck() {
		return new SwitchableCheck();
	}

}
