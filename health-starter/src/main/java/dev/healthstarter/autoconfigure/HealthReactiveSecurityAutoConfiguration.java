package dev.healthstarter.autoconfigure;

import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.web.HealthEndpointPaths;
import dev.healthstarter.web.reactive.HealthEndpointsExchangeMatcher;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * With Spring Security on a WebFlux application, keeps the starter's endpoints reachable without authentication, as
 * {@link HealthSecurityAutoConfiguration} does on Spring MVC: a {@link SecurityWebFilterChain} ordered before the
 * application's chains that matches exactly those endpoints ({@link HealthEndpointsExchangeMatcher}) and permits
 * them, with no authentication mechanism of its own (HTTP Basic only with {@code health.security.http-basic=true}):
 * it reads the security context the application established (its session). Everything else keeps the application's
 * own protection. Spring Security creates its default chain only when the application declares none, and this one
 * would count as one: so when neither the application nor Boot declares a chain, Spring Security's default chain
 * (every other exchange authenticated, HTTP Basic and form login) is declared here. Replace the chain by declaring a
 * bean named {@code healthStarterSecurityWebFilterChain}.
 */
@AutoConfiguration(after = { HealthAutoConfiguration.class, HealthWebAutoConfiguration.class, HealthWebFluxAutoConfiguration.class },
		// Boot's user details first: its management chain, which this one comes after, does not say it comes after
		// them, and would otherwise be configured first and deny every authentication
		afterName = { "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
				"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
				"org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass(name = { "org.springframework.security.web.server.SecurityWebFilterChain",
		"org.springframework.security.config.web.server.ServerHttpSecurity" })
@ConditionalOnBean(value = { HealthEngine.class, HealthEndpointPaths.class },
		type = "org.springframework.security.config.web.server.ServerHttpSecurity")
public final class HealthReactiveSecurityAutoConfiguration {

	/** Spring Security's own default, kept for the application's other exchanges when it declares no chain. */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	@ConditionalOnMissingBean(SecurityWebFilterChain.class)
	SecurityWebFilterChain healthStarterDefaultSecurityWebFilterChain(ServerHttpSecurity http) {
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
			.httpBasic(Customizer.withDefaults())
			.formLogin(Customizer.withDefaults())
			.build();
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	@ConditionalOnMissingBean(name = "healthStarterSecurityWebFilterChain")
	SecurityWebFilterChain healthStarterSecurityWebFilterChain(ServerHttpSecurity http, HealthProperties properties,
			HealthEndpointPaths endpoints) {
		HealthEndpointPaths paths = properties.getSecurity().isPermitMetrics()
				? endpoints.and(properties.getMetricsPath()) : endpoints;
		http.securityMatcher(new HealthEndpointsExchangeMatcher(paths))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()));
		if (properties.getSecurity().isHttpBasic()) {
			http.httpBasic(Customizer.withDefaults());
		}
		else {
			http.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable);
		}
		return http.build();
	}

}
