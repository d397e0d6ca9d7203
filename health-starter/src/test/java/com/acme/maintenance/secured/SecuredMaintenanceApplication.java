package com.acme.maintenance.secured;

import dev.healthstarter.HealthCheck;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A user's application whose own chain lets anyone reach {@code /health/maintenance} (and skips CSRF there, as an
 * API for scripts would), with two users: {@code ops} (role {@code OPS}) and {@code dev} (role {@code DEV}).
 */
@SpringBootApplication
class SecuredMaintenanceApplication {

	@Bean
	SecurityFilterChain applicationSecurity(HttpSecurity http) throws Exception {
		return http
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/health/maintenance")
				.permitAll()
				.anyRequest()
				.authenticated())
			.csrf((csrf) -> csrf.ignoringRequestMatchers("/health/maintenance"))
			.httpBasic(Customizer.withDefaults())
			.build();
	}

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager(User.withUsername("ops").password("{noop}secret").roles("OPS").build(),
				User.withUsername("dev").password("{noop}secret").roles("DEV").build());
	}

	@Bean
	HealthCheck inventoryHealthCheck() {
		return HealthCheck.of(() -> true);
	}

}
