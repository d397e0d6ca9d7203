package com.acme.maintenance.reactive.secured;

import dev.healthstarter.HealthCheck;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * A WebFlux application whose own chain lets anyone reach {@code /health/maintenance} without CSRF (as an API for
 * scripts would), with two users: {@code ops} (role {@code OPS}) and {@code dev} (role {@code DEV}).
 */
@SpringBootApplication
class ReactiveSecuredMaintenanceApplication {

	@Bean
	SecurityWebFilterChain applicationSecurity(ServerHttpSecurity http) {
		return http
			.authorizeExchange((exchanges) -> exchanges.pathMatchers("/health/maintenance")
				.permitAll()
				.anyExchange()
				.authenticated())
			.csrf((csrf) -> csrf.disable())
			.httpBasic(Customizer.withDefaults())
			.build();
	}

	@Bean
	MapReactiveUserDetailsService users() {
		return new MapReactiveUserDetailsService(
				User.withUsername("ops").password("{noop}secret").roles("OPS").build(),
				User.withUsername("dev").password("{noop}secret").roles("DEV").build());
	}

	@Bean
	HealthCheck inventoryHealthCheck() {
		return HealthCheck.of(() -> true);
	}

}
